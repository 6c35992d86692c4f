// Compiles the reference data in Taxonomy/ into the Swift tables of GreenTaxonomy.
//
//   swift run generate-taxonomy            regenerate Sources/GreenTaxonomy/Generated/
//   swift run generate-taxonomy --check    exit 1 if the checked-in tables are stale (CI)
//   --root PATH                            package root (default: current directory)
import Foundation
import TaxonomyCompiler

var arguments = Array(CommandLine.arguments.dropFirst())
var check = false
var root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
while let argument = arguments.first {
    arguments.removeFirst()
    switch argument {
    case "--check": check = true
    case "--root" where !arguments.isEmpty: root = URL(fileURLWithPath: arguments.removeFirst())
    case "-h", "--help":
        print("usage: generate-taxonomy [--check] [--root PACKAGE_ROOT]")
        exit(0)
    default:
        FileHandle.standardError.write(
            Data("generate-taxonomy: error: unknown argument '\(argument)'\n".utf8))
        exit(64)
    }
}

do {
    let sources = try TaxonomySources.load(from: root.appendingPathComponent("Taxonomy"))
    let rendered = SwiftTableRenderer.render(sources)
    if check {
        let stale = GeneratedFiles.staleFiles(rendered: rendered, packageRoot: root)
        if stale.isEmpty {
            print("generate-taxonomy: \(rendered.count) generated files are up to date")
        } else {
            for path in stale {
                FileHandle.standardError.write(Data("\(path): error: stale generated file\n".utf8))
            }
            FileHandle.standardError.write(
                Data("generate-taxonomy: run 'swift run generate-taxonomy' and commit the result\n".utf8))
            exit(1)
        }
    } else {
        let changed = try GeneratedFiles.write(rendered: rendered, packageRoot: root)
        print(
            "generate-taxonomy: \(changed.isEmpty ? "no changes" : "updated " + changed.joined(separator: ", "))"
        )
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
