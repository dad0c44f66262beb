import Foundation

/// Counts tied together by sums, `total` = Σ `parts`: all that suppression needs to know about what
/// is published. A full cross-classified table is one case; a submission, which holds only the cells
/// its sender chose to give, is another.
///
/// A sum may name cells that have no count here: cells left out of a submission, or given without a
/// value. A reader does not know them either, so in the sums they are unknowns, but they are never
/// hidden or protected themselves, having no count of ours to give away.
struct LinkedCells: Sendable {
    typealias Equation = StatisticalTable.Equation

    /// The cells with a count, in the order that breaks ties.
    let keys: [CellKey]
    let equations: [Equation]
    /// Counts aligned with `keys`.
    private let values: [Int]
    private let ordinals: [CellKey: Int]

    /// `keys` must not repeat; `values` are their counts, in the same order.
    init(keys: [CellKey], values: [Int], equations: [Equation]) {
        precondition(keys.count == values.count, "one count per cell")
        self.keys = keys
        self.values = values
        self.equations = equations
        ordinals = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($0.element, $0.offset) })
    }

    /// The count, or nil for a cell without one.
    subscript(key: CellKey) -> Int? {
        ordinals[key].map { values[$0] }
    }

    /// The cell's place in `keys`.
    func ordinal(of key: CellKey) -> Int? { ordinals[key] }

    /// Every cell with its count.
    var counts: [CellKey: Int] {
        Dictionary(uniqueKeysWithValues: zip(keys, values))
    }

    /// The groups of cells joined by sums, directly or through other cells, each with its sums and in
    /// the order of its first cell; cells keep their order within a group. A hidden cell can only be
    /// worked out from cells of its own group, so each group can be protected on its own, which keeps
    /// the audit's matrices the size of a group rather than of a whole submission. Sums between cells
    /// without a count alone are dropped: there is nothing of ours in them to protect.
    var components: [LinkedCells] {
        let numbers = cellNumbers()
        var sets = DisjointSets(count: numbers.count)
        for equation in equations {
            let members = equation.cells.compactMap { numbers[$0] }
            for member in members.dropFirst() {
                sets.join(members[0], member)
            }
        }
        // Cells with a count are numbered first, so a group holding any has its first one as root.
        var cellsByRoot: [Int: [Int]] = [:]
        for ordinal in keys.indices {
            cellsByRoot[sets.root(of: ordinal), default: []].append(ordinal)
        }
        var equationsByRoot: [Int: [Equation]] = [:]
        for equation in equations {
            guard let number = numbers[equation.total] else { continue }
            equationsByRoot[sets.root(of: number), default: []].append(equation)
        }
        return cellsByRoot.keys.sorted().map { root in
            let members = cellsByRoot[root] ?? []
            return LinkedCells(keys: members.map { keys[$0] }, values: members.map { values[$0] },
                               equations: equationsByRoot[root] ?? [])
        }
    }

    /// A number for every cell, in `keys` or in a sum: the cells with a count first, by ordinal, then
    /// the others as the sums first name them.
    private func cellNumbers() -> [CellKey: Int] {
        var numbers = ordinals
        for equation in equations {
            for cell in equation.cells where numbers[cell] == nil {
                let next = numbers.count
                numbers[cell] = next
            }
        }
        return numbers
    }
}

extension StatisticalTable {
    /// The table as cells and sums: every cell has a count, and every margin is a sum.
    var linkedCells: LinkedCells {
        LinkedCells(keys: keys, values: values, equations: equations)
    }
}
