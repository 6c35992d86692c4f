internal import CLibXML2

/// Process-wide libxml2 set-up and the parser options GreenDisclosure always uses on untrusted input.
enum LibXML2 {
    /// `xmlInitParser()` must run once before any thread parses; touching this runs it.
    static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// No network, no entity substitution, no DTD loading, no HUGE (which would lift the entity-expansion
    /// limits); line numbers past 65,535 kept. (NOBLANKS was measured to make no difference in push mode.)
    static let safeOptions = Int32(
        bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue
            | XML_PARSE_COMPACT.rawValue)
}
