import Foundation
import FuzzDriver
import GreenDisclosure
import GreenMetrics

/// One input: the bytes as a filing through `summary`'s calculators (shares, targets, carbon estimates,
/// financed emissions, operations footprint) and its JSON encoding. Any trap (overflow, a conversion of a
/// non-finite number) or memory error is a crash.
func summarizeOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let summary = try? FilingSummarizer.summarize(.bytes(bytes, name: "fuzz.xml")) else { return 0 }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    _ = try? encoder.encode(summary)
    return 0
}

@_cdecl("FuzzSummary_main")
public func fuzzSummaryMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt
{
    runFuzzer(argc, argv) { data, size in summarizeOne(data, size) }
}
