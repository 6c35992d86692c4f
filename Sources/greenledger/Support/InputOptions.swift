import ArgumentParser
import Foundation
import GreenDisclosure
import GreenMetrics
import GreenStore
import GreenTaxonomy

/// Expands directories into the *.xml files under them, sorted; files are kept as given.
enum FileList {
    static func xmlFiles(in inputs: [String]) throws -> [String] {
        var files: [String] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                Output.error("\(input): no such file or directory")
                throw ExitStatus.couldNotRun
            }
            if isDirectory.boolValue {
                let enumerator = FileManager.default.enumerator(atPath: input)
                while let relative = enumerator?.nextObject() as? String {
                    if relative.hasSuffix(".xml") {
                        files.append((input as NSString).appendingPathComponent(relative))
                    }
                }
            } else {
                files.append(input)
            }
        }
        return Array(Set(files)).sorted()
    }
}

/// `--targets FILE` shared by summary and aggregate.
enum TargetOptions {
    static func load(_ path: String?) throws -> TargetSet {
        guard let path else { return .defaults }
        do {
            guard let text = String(validating: try RegularFile.contents(of: path), as: UTF8.self) else {
                Output.error("\(path): cannot read the target file: it is not UTF-8 text")
                throw ExitStatus.couldNotRun
            }
            return try TargetSet(tsv: text, name: path)
        } catch let error as FilingReadError {
            Output.error(error.description)
            throw ExitStatus.couldNotRun
        } catch let error as TargetFileError {
            Output.error(error.description)
            throw ExitStatus.couldNotRun
        } catch {
            Output.error("\(path): cannot read the target file: \(error.localizedDescription)")
            throw ExitStatus.couldNotRun
        }
    }
}

/// The filing history as the CLI opens it: store errors become one line and exit code 2.
enum HistoryOptions {
    /// `--db PATH`, checked in `validate()`: a path that would keep nothing is a usage error (exit 64).
    static func checkLocation(_ argument: String) throws {
        do {
            _ = try StoreLocation(argument)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Opens the history at `db` (a SQLite path or a `postgres://` URL), runs `body` with it and closes it;
    /// a store that cannot be opened or used is one line on stderr and exit code 2.
    static func withStore<T: Sendable>(
        _ db: String, create: Bool, _ body: (FilingStore) async throws -> T
    ) async throws -> T {
        do {
            let location = try StoreLocation(db)
            if !create, location.postgres == nil, !FileManager.default.fileExists(atPath: db) {
                throw StoreError("\(db): no filing history here; run 'greenledger ingest FILE...' first")
            }
            return try await FilingStore.with(location, create: create, body)
        } catch let error as StoreError {
            Output.error(error.description)
            throw ExitStatus.couldNotRun
        } catch let error as StoreLocationError {
            Output.error(error.description)
            throw ExitStatus.usage
        }
    }

    /// Where filed bytes are kept: `--archive`, else beside a SQLite history (`PATH.archive`), else (a
    /// PostgreSQL store, which keeps figures, not files) `greenledger-archive` in the current directory.
    static func archiveDirectory(_ archive: String?, db: String) -> String {
        if let archive { return archive }
        if PostgresLocation.isURL(db) { return "greenledger-archive" }
        return FilingArchive.defaultDirectory(forStore: db)
    }

    /// The intake of `store`, archiving into `archive` (default: see ``archiveDirectory(_:db:)``).
    static func intake(
        store: FilingStore, db: String, archive: String?, factors: EstimationFactors, maximumBytes: Int?
    ) throws -> FilingIntake {
        do {
            let archive = try FilingArchive(directory: archiveDirectory(archive, db: db))
            return FilingIntake(store: store, archive: archive, factors: factors, maximumBytes: maximumBytes)
        } catch let error as StoreError {
            Output.error(error.description)
            throw ExitStatus.couldNotRun
        }
    }

    static func rollUp(
        _ path: String, period: String?, district: String?, targets: TargetSet, grid: EmissionFactor
    ) async throws -> AggregateReport {
        try await withStore(path, create: false) { store in
            try await store.rollUp(period: period, district: district, targets: targets, grid: grid)
        }
    }
}
