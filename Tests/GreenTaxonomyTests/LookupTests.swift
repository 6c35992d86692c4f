import GreenTaxonomy
import Testing

@Suite struct LookupTests {
    let taxonomy = Taxonomy.standard

    /// A catalogue code written in the test; a malformed one fails the test instead of trapping.
    static func code(_ text: String) throws -> CatalogueCode { try #require(CatalogueCode(text)) }

    @Test func showsItemWithParentChainAndIndustryClasses() throws {
        let item = try taxonomy.item(edition: "gfsp-2025", code: "4.2.2")
        #expect(item.nameZh == "太阳能利用设施建设和运营")
        #expect(item.ghgContribution == .direct)
        #expect(item.industryClasses.compactMap(\.code).prefix(2) == ["4416", "4875"])
        let catalogue = try taxonomy.catalogue("gfsp-2025")
        #expect(catalogue.ancestors(of: item.code).map(\.code.description) == ["4", "4.2"])
        #expect(catalogue.parent(of: item.code)?.nameZh == "清洁能源设施建设和运营")
        #expect(catalogue.isLeaf(item.code))
        #expect(!catalogue.isLeaf(try Self.code("4.2")))
    }

    @Test func childrenAndFilters() throws {
        let catalogue = try taxonomy.catalogue("gfsp-2025")
        #expect(catalogue.children(of: nil).count == 9)
        #expect(catalogue.children(of: try Self.code("4")).map(\.code.description) == ["4.1", "4.2", "4.3"])
        // The catalogues README gives section 4 as 3 groups / 26 items.
        #expect(catalogue.items(level: 3, under: try Self.code("4")).count == 26)
        #expect(catalogue.items(under: try Self.code("9")).count == 1 + 3)
        // In an incomplete edition a level-1 item is not known to be a leaf.
        #expect(try !taxonomy.catalogue("glct-2024").isLeaf(Self.code("1")))
    }

    @Test func codesCompareNumerically() throws {
        #expect(try Self.code("1.1.9") < Self.code("1.1.10"))
        #expect(try Self.code("4.2").contains(Self.code("4.2.2")))
        #expect(try !Self.code("4.2").contains(Self.code("4.20.1")))
        for bad in ["", "4..2", ".4", "4.2.2.1", "04.2", "4.a", "4.2 ", "-1", "1000"] {
            #expect(CatalogueCode(bad) == nil, "\(bad) should be malformed")
        }
    }

    @Test func datesAreStrict() throws {
        #expect(CalendarDate("2024-02-29")?.day == 29)
        #expect(CalendarDate("2026-02-29") == nil)
        #expect(CalendarDate("2026-9-30") == nil)
        #expect(CalendarDate("2026-09-30T00:00") == nil)
        #expect(CalendarDate("2026-13-01") == nil)
        #expect(try #require(CalendarDate("2025-10-01")).description == "2025-10-01")
    }

    @Test func editionRuleSwitchesOnTheEffectiveDate() throws {
        let after = taxonomy.editionRule(forLoanOriginatedOn: try #require(CalendarDate("2025-10-01")))
        #expect(after.required == .gfsp2025)
        #expect(after.accepted == [.gfsp2025])
        let before = taxonomy.editionRule(forLoanOriginatedOn: try #require(CalendarDate("2025-09-30")))
        #expect(before.required == nil)
        #expect(before.accepted.contains(.gicc2019))
        #expect(before.accepted.first == .gfsp2025)
    }

    @Test func unknownEditionSuggestsTheNearest() {
        #expect(throws: TaxonomyError.self) { try taxonomy.catalogue("gfsp2025") }
        do {
            _ = try taxonomy.catalogue("2025")
            Issue.record("expected an error")
        } catch let error as TaxonomyError {
            #expect(error.kind == .unknownEdition)
            #expect(error.suggestions == ["gfsp-2025"])
            #expect(
                error.description
                    == "unknown catalogue edition '2025' (editions: gfsp-2025, gicc-2019, glct-2024); did you mean gfsp-2025?"
            )
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(
        "bad codes are explained with the nearest valid codes",
        arguments: [
            ("4.2.99", TaxonomyError.Kind.unknownCode, "4.2.9 热泵设施建设和运营"),
            ("4.2.2.1", .malformedCode, "4.2.2"),
            ("4..2", .malformedCode, "4.2"),
            ("10.1.1", .unknownCode, "9 绿色消费"),
        ])
    func badCodes(code: String, kind: TaxonomyError.Kind, firstSuggestion: String) {
        do {
            _ = try taxonomy.item(edition: "gfsp-2025", code: code)
            Issue.record("expected an error for \(code)")
        } catch let error as TaxonomyError {
            #expect(error.kind == kind)
            #expect(error.suggestions.first == firstSuggestion)
            #expect(!error.description.contains("\n"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func unknownCodeSaysWhichEditionHasIt() throws {
        let error = try #require(throws: TaxonomyError.self) {
            try taxonomy.item(edition: "gicc-2019", code: "9.1.1")
        }
        #expect(error.message == "no item '9.1.1' in gicc-2019; '9.1.1' exists in gfsp-2025")
    }
}
