import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element: name (namespace prefix dropped), text content and child elements. AWS responses use no
/// attributes we need and no mixed content, so this is all the tree the decoders need.
public final class XMLNode: @unchecked Sendable {
    // @unchecked: built once by the parser, never mutated after `parse` returns.
    public let name: String
    public fileprivate(set) var text: String = ""
    public fileprivate(set) var children: [XMLNode] = []

    init(name: String) { self.name = name }

    /// The first child element named `name`.
    public func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// The first element named `name` anywhere below (depth first), for error bodies whose nesting varies.
    public func find(_ name: String) -> XMLNode? {
        for child in children {
            if child.name == name { return child }
            if let found = child.find(name) { return found }
        }
        return nil
    }

    /// Parses a document and returns its root element.
    public static func parse(_ data: Data) throws -> XMLNode {
        let delegate = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.delegate = delegate
        // libxml2 may report success on a truncated document; unclosed elements give it away.
        guard parser.parse(), delegate.stack.isEmpty, let root = delegate.root else {
            let reason = parser.parserError.map { "\($0)" } ?? "no root element"
            throw AWSClientError(.invalidResponse, "malformed XML: \(reason)")
        }
        return root
    }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLNode?
    var stack: [XMLNode] = []

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
        let node = XMLNode(name: local)
        if let parent = stack.last { parent.children.append(node) } else { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
    }
}
