import GreenTaxonomy
import Testing

@Suite struct SearchIndustryCrosswalkTests {
    let taxonomy = Taxonomy.standard

    @Test("光伏 and solar find the solar items first", arguments: ["光伏", "solar", "Solar", "photovoltaic"])
    func solarFirst(query: String) throws {
        let hits = try taxonomy.search(query)
        let solar = [
            "gfsp-2025 4.1.2", "gfsp-2025 4.2.2", "gfsp-2025 8.5.2", "gicc-2019 3.1.2", "gicc-2019 3.2.2",
        ]
        let top = hits.prefix(solar.count).map { "\($0.item.edition) \($0.item.code)" }
        #expect(Set(top) == Set(solar))
    }

    @Test func searchIsScopedAndRequiresEveryWord() throws {
        let hits = try taxonomy.search("wind power", edition: "gfsp-2025")
        #expect(hits.allSatisfy { $0.item.edition == .gfsp2025 })
        #expect(hits.first.map { $0.item.nameEn.lowercased().contains("wind power") } == true)
        #expect(try taxonomy.search("wind xyzzy").isEmpty)
        #expect(try taxonomy.search("   ").isEmpty)
        #expect(try taxonomy.search("4.2.2").first?.matchedOn == "code")
        #expect(throws: TaxonomyError.self) { try taxonomy.search("solar", edition: "nope") }
    }

    @Test func chineseWholeNameRanksFirst() throws {
        let hits = try taxonomy.search("污水处理", edition: "gicc-2019")
        #expect(hits.first?.item.nameZh.hasPrefix("污水处理") == true)
    }

    @Test("industry 4416 lists the solar items", arguments: ["4416", "D4416", "d4416"])
    func industryClass(code: String) throws {
        let matches = try taxonomy.items(withIndustryCode: code)
        #expect(matches.map(\.item.code.description) == ["4.2.2", "4.2.8", "4.3.1", "4.3.2", "4.3.7"])
        #expect(matches.allSatisfy { $0.classes.map(\.code) == ["4416"] })
    }

    @Test func industryPrefixesAndErrors() throws {
        let group = try taxonomy.items(withIndustryCode: "441")
        #expect(group.contains { $0.item.code.description == "4.2.1" })  // 4415 风力发电
        #expect(try taxonomy.items(withIndustryCode: "9999").isEmpty)
        for bad in ["X4416", "4", "44166", "44a6", ""] {
            #expect(throws: TaxonomyError.self, "\(bad)") { try taxonomy.items(withIndustryCode: bad) }
        }
        let error = try #require(throws: TaxonomyError.self) {
            try taxonomy.items(withIndustryCode: "4416", edition: "gicc-2019")
        }
        #expect(error.kind == .noIndustryCodes)
        #expect(taxonomy.listedIndustryClasses(near: "4417").contains("4416 太阳能发电"))
    }

    @Test func crosswalkBothDirections() throws {
        let forward = try taxonomy.map(code: "3.2.2", from: "gicc-2019", to: "gfsp-2025")
        #expect(forward.matches.map(\.item.code.description) == ["4.2.2"])
        #expect(forward.matches.first?.entry.matchKind == .exactName)
        #expect(forward.matches.first?.entry.isDerived == true)
        let backward = try taxonomy.map(code: "4.2.2", from: "gfsp-2025", to: "gicc-2019")
        #expect(backward.matches.map(\.item.code.description) == ["3.2.2"])
        let level1 = try taxonomy.map(code: "1", from: "gicc-2019", to: "gfsp-2025")
        #expect(level1.matches.map(\.item.code.description) == ["1", "2", "3"])
        #expect(level1.matches.allSatisfy { $0.entry.matchKind == .structural })
    }

    @Test func crosswalkGapsAreExplained() throws {
        let dropped = try taxonomy.map(code: "1.1.5", from: "gicc-2019", to: "gfsp-2025")
        #expect(dropped.matches.isEmpty)
        #expect(dropped.note?.contains("no counterpart") == true)
        let group = try taxonomy.map(code: "4.2", from: "gfsp-2025", to: "gicc-2019")
        #expect(group.note?.contains("level-3 items under 4.2") == true)
        let semantic = try taxonomy.map(code: "3.2.9", from: "gicc-2019", to: "gfsp-2025")
        #expect(
            semantic.matches.contains {
                $0.item.code.description == "4.2.8" && $0.entry.matchKind == .semantic
            })
        let error = try #require(throws: TaxonomyError.self) {
            try taxonomy.map(code: "1", from: "gfsp-2025", to: "glct-2024")
        }
        #expect(error.kind == .noCrosswalk)
    }

    @Test func crosswalkCoverageMatchesTheDerivedTable() {
        let level3 = taxonomy.crosswalk.filter { $0.fromCode.level == 3 }
        #expect(level3.count == 187)
        #expect(Set(level3.map(\.fromCode)).count == 183)
    }
}
