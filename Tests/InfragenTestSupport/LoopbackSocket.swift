import Foundation

#if canImport(Glibc)
import Glibc
private let streamType = Int32(SOCK_STREAM.rawValue)
private let sendFlags = Int32(MSG_NOSIGNAL)
#elseif canImport(Darwin)
import Darwin
private let streamType = SOCK_STREAM
private let sendFlags: Int32 = 0
#endif

#if canImport(Glibc)
private let systemConnect = Glibc.connect
#elseif canImport(Darwin)
private let systemConnect = Darwin.connect
#endif

/// A thin owner of one POSIX stream socket: the blocking calls the loopback server makes, with errno in errors.
final class LoopbackSocket: @unchecked Sendable {
    // @unchecked: `fd` is immutable; the kernel serialises concurrent shutdown/close against blocked reads.
    let fd: Int32

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ call: String) { description = "\(call) failed: \(String(cString: strerror(errno)))" }
    }

    init(fd: Int32) { self.fd = fd }

    /// A listening socket on 127.0.0.1 at a port the kernel picks; returns it with the port.
    static func makeListener(backlog: Int32 = 64) throws -> (LoopbackSocket, Int) {
        let fd = socket(AF_INET, streamType, 0)
        guard fd >= 0 else { throw Failure("socket") }
        let socket = LoopbackSocket(fd: fd)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw Failure("bind") }
        guard listen(fd, backlog) == 0 else { throw Failure("listen") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw Failure("getsockname") }
        return (socket, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A client connection to 127.0.0.1:`port` (used by tests that speak raw HTTP to a server).
    static func connect(port: Int) throws -> LoopbackSocket {
        let fd = socket(AF_INET, streamType, 0)
        guard fd >= 0 else { throw Failure("socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                systemConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let failure = Failure("connect")
            _ = close(fd)
            throw failure
        }
        return LoopbackSocket(fd: fd)
    }

    /// Blocks for the next connection; nil once the listening socket was shut down.
    func acceptConnection() -> LoopbackSocket? {
        while true {
            let client = accept(fd, nil, nil)
            if client >= 0 {
                #if canImport(Darwin)
                var one: Int32 = 1
                setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
                #endif
                return LoopbackSocket(fd: client)
            }
            if errno == EINTR { continue }
            return nil
        }
    }

    /// Up to `maximum` bytes; empty at end of stream or on error.
    func receive(maximum: Int = 64 * 1024) -> Data {
        var buffer = [UInt8](repeating: 0, count: maximum)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, maximum, 0) }
            if count > 0 { return Data(buffer[0..<count]) }
            if count < 0 && errno == EINTR { continue }
            return Data()
        }
    }

    /// Writes all bytes; false when the peer went away.
    @discardableResult
    func sendAll(_ data: Data) -> Bool {
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + offset, data.count - offset, sendFlags)
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// Wakes any thread blocked in accept/recv on this socket.
    func shutdownBoth() { _ = shutdown(fd, Int32(SHUT_RDWR)) }

    func closeDescriptor() { _ = close(fd) }
}
