import Foundation
import InfragenZlib

/// Raw deflate (RFC 1951, as zip entries store it) and CRC-32, from the system's zlib.
///
/// Why zlib rather than stored entries: a static Swift binary is tens of megabytes and deflates to about a third,
/// which keeps the zip well under Lambda's 50 MB direct-upload limit. zlib's output depends only on its input,
/// level and version, so the zip is reproducible on any machine with the same zlib (1.2.x and 1.3.x produce the same
/// stream for the same settings in practice, but the guarantee we test is "same machine, same bytes").
enum Deflate {
    /// Compresses `input` at the maximum level with a 32 KiB window and no zlib/gzip header.
    static func compress(_ input: Data) throws(DeployError) -> Data {
        var stream = z_stream()
        // windowBits -15: raw deflate; memLevel 8 and the default strategy are zlib's defaults.
        let initStatus = deflateInit2_(&stream, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY,
                                       ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { throw DeployError(.compression, "deflateInit2 failed (\(initStatus))") }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        var output = Data(count: bound)
        let status: Int32 = input.withUnsafeBytes { (source: UnsafeRawBufferPointer) -> Int32 in
            output.withUnsafeMutableBytes { (target: UnsafeMutableRawBufferPointer) -> Int32 in
                stream.next_in = UnsafeMutablePointer(
                    mutating: source.bindMemory(to: Bytef.self).baseAddress ?? UnsafePointer(bitPattern: 1)!)
                stream.avail_in = uInt(input.count)
                stream.next_out = target.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(bound)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw DeployError(.compression, "deflate did not finish (\(status))") }
        output.count = Int(stream.total_out)
        return output
    }

    /// The CRC-32 zip records for each entry.
    static func crc32(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { raw in
            UInt32(InfragenZlib.crc32(0, raw.bindMemory(to: Bytef.self).baseAddress, uInt(raw.count)))
        }
    }
}
