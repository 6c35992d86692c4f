import Foundation

/// Writes the generated tables, or checks that the checked-in ones are fresh.
public enum GeneratedFiles {
    /// Files under the generated folder whose content differs from `rendered`, plus stray generated files.
    public static func staleFiles(rendered: [String: String], packageRoot: URL) -> [String] {
        var stale: [String] = []
        for (path, content) in rendered.sorted(by: { $0.key < $1.key }) {
            let existing = FileManager.default.contents(atPath: packageRoot.appendingPathComponent(path).path)
            if existing != Data(content.utf8) { stale.append(path) }
        }
        for folder in SwiftTableRenderer.outputDirectories {
            let path = packageRoot.appendingPathComponent(folder).path
            let present = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            for name in present.sorted()
            where name.hasSuffix("+Generated.swift") && rendered["\(folder)/\(name)"] == nil {
                stale.append("\(folder)/\(name)")
            }
        }
        return stale
    }

    /// Writes every rendered file and removes generated files the generator no longer produces.
    /// Returns the paths that changed.
    @discardableResult
    public static func write(rendered: [String: String], packageRoot: URL) throws -> [String] {
        let changed = staleFiles(rendered: rendered, packageRoot: packageRoot)
        for folder in SwiftTableRenderer.outputDirectories {
            try FileManager.default.createDirectory(
                at: packageRoot.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for path in changed {
            let url = packageRoot.appendingPathComponent(path)
            if let content = rendered[path] {
                try Data(content.utf8).write(to: url, options: .atomic)
            } else {
                try FileManager.default.removeItem(at: url)
            }
        }
        return changed
    }
}
