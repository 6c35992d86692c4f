import ArgumentParser

/// `greenledger taxonomy …`: the green-project catalogues every green loan is classified against.
struct TaxonomyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taxonomy",
        abstract: "Look up the green catalogues: editions, items, search, industry classes, crosswalks.",
        discussion: """
            Editions: gfsp-2025 (《绿色金融支持项目目录（2025年版）》, current from 2025-10-01),
            gicc-2019 (《绿色产业指导目录（2019年版）》), glct-2024 (《绿色低碳转型产业指导目录（2024年版）》,
            level 1 only: incomplete). The 2019 → 2025 crosswalk is derived by GreenLedger, not official.
            """,
        subcommands: [
            TaxonomyEditions.self, TaxonomyShow.self, TaxonomyList.self, TaxonomySearch.self,
            TaxonomyIndustry.self,
            TaxonomyMap.self, TaxonomyExport.self, TaxonomyFactors.self,
        ]
    )
}
