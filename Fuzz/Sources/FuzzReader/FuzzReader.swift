import FuzzDriver
import GreenDisclosure

/// One input: the bytes as a filing, read by `DisclosureReader` on this thread. Besides memory errors
/// (AddressSanitizer) and traps, a broken invariant is a crash: an ACCEPT from a pass that did not complete,
/// or a finding without a location.
func readOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var options = ReaderOptions(storedFindingsPerRule: 50)
    options.pipelined = false
    options.computeSHA256 = size % 2 == 0
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var loans = 0
    guard
        let report = try? DisclosureReader.validate(
            .bytes(bytes, name: "fuzz.xml"), options: options,
            onLoan: { _ in
                loans += 1
            })
    else { return 0 }
    if report.verdict() == .accept && !report.completed {
        fatalError("ACCEPT from a pass that stopped early")
    }
    if loans != report.loanCount { fatalError("\(loans) loans handed over, \(report.loanCount) counted") }
    for diagnostic in report.diagnostics where diagnostic.line < 0 || diagnostic.column < 0 {
        fatalError("finding without a location: \(diagnostic)")
    }
    return 0
}

@_cdecl("FuzzReader_main")
public func fuzzReaderMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in readOne(data, size) }
}
