import Foundation

/// Suppression within one group of linked cells: the small counts, then whatever else would let a
/// reader work them out.
///
/// A cell without a count (see `LinkedCells`) is unknown to a reader, so a sum holding one cannot be
/// solved by subtraction; but it is never hidden, and never needs protecting.
struct SuppressionSearch {
    typealias Equation = StatisticalTable.Equation

    let cells: LinkedCells
    /// Hidden cells and why; only ever cells with a count.
    private(set) var hidden: [CellKey: SuppressionReason] = [:]
    /// For each cell, the positions of the sums it appears in.
    private let equationsByCell: [CellKey: [Int]]

    /// Hides the small counts, then a partner beside every hidden cell that is the only unknown of a
    /// sum, so that no hidden cell is one subtraction away from published ones.
    init(cells: LinkedCells, threshold: Int) {
        self.cells = cells
        equationsByCell = Self.equationIndex(cells.equations)
        for key in cells.keys where DisclosureControl.isPrimary(cells[key] ?? 0, threshold: threshold) {
            hidden[key] = .primary
        }
        hideLoneCells(revisiting: Array(cells.equations.indices))
    }

    /// Two unknowns per sum stop a reader who works one sum at a time, not one who combines them: in a
    /// few random tables in a hundred, adding and subtracting several sums cancels every hidden cell
    /// but one, which then comes back exactly (a column total less another column, with a row saying
    /// two hidden cells are equal, can leave a primary cell alone). So the cells are audited as a
    /// linear system, and while the audit can solve for any hidden cell, one more cell is hidden in
    /// one of that cell's sums and the per-sum pass runs again from it. Each round hides a cell that
    /// was published, so the loop ends, at the latest with every cell hidden, when nothing can be
    /// solved for.
    mutating func closeCombinedSums() {
        guard !cells.equations.isEmpty else { return }
        let counts = cells.counts
        while true {
            let published = counts.filter { hidden[$0.key] == nil }
            let audit = LinearAudit(equations: cells.equations, published: published)
            // Solving for a cell without a count gives nothing of ours away by itself; any hidden
            // cell it then leads to is among the audit's exposed cells too.
            let exposed = audit.exposed.filter { hidden[$0] != nil }
            guard let extra = cellToHide(against: exposed) else { return }
            hidden[extra] = .secondary
            hideLoneCells(revisiting: equationsByCell[extra] ?? [])
        }
    }

    /// Published: a cell with a count, not hidden.
    private func isOpen(_ key: CellKey) -> Bool {
        hidden[key] == nil && cells[key] != nil
    }

    /// Hides a partner beside every lone hidden cell of the sums in `revisiting`: a sum whose only
    /// unknown is a hidden cell gives it back by subtraction. Sums are revisited only when one of
    /// their cells becomes hidden, which reaches the same fixed point as sweeping them all until
    /// nothing changes.
    private mutating func hideLoneCells(revisiting start: [Int]) {
        var pending = start
        var next = 0
        while next < pending.count {
            let equation = cells.equations[pending[next]]
            next += 1
            let unknown = equation.cells.filter { !isOpen($0) }
            guard unknown.count == 1, hidden[unknown[0]] != nil, let companion = partner(in: equation) else {
                continue
            }
            hidden[companion] = .secondary
            pending += equationsByCell[companion] ?? []
        }
    }

    /// The cell to hide when the audit can solve for the `exposed` hidden cells, or nil when it can
    /// solve for none. Among the sums holding an exposed cell, their published part with the smallest
    /// positive count, as for a lone cell; failing that, their smallest published cell; failing that,
    /// the smallest published cell of the group. Ties go by cell order. The second choice may be a
    /// zero: a weak hiding place against guessing (see `partner`), but it does break the exact
    /// solution.
    private func cellToHide(against exposed: [CellKey]) -> CellKey? {
        guard !exposed.isEmpty else { return nil }
        let positions = Set(exposed.flatMap { equationsByCell[$0] ?? [] }).sorted()
        let touched = positions.map { cells.equations[$0] }
        let positiveParts = touched.flatMap(\.parts).filter { isOpen($0) && (cells[$0] ?? 0) > 0 }
        let open = touched.flatMap(\.cells).filter { isOpen($0) }
        let pool = !positiveParts.isEmpty ? positiveParts
            : !open.isEmpty ? open
            : cells.keys.filter { isOpen($0) }
        return pool.min { order($0) < order($1) }
    }

    /// Smaller count first, then cell order.
    private func order(_ key: CellKey) -> (Int, Int) {
        (cells[key] ?? 0, cells.ordinal(of: key) ?? 0)
    }

    /// The cell to hide beside a lone hidden one. Parts go before the total, because a total is
    /// itself a part of wider sums and hiding it spreads further, and it is the figure readers most
    /// need. Among parts the smallest positive count costs the least information; a hidden zero
    /// protects little, being the first value anyone would guess.
    private func partner(in equation: Equation) -> CellKey? {
        let open = equation.cells.filter { isOpen($0) }
        let positiveParts = open.filter { $0 != equation.total && (cells[$0] ?? 0) > 0 }
        let pool = positiveParts.isEmpty ? open : positiveParts
        return pool.min { rank(of: $0, in: equation) < rank(of: $1, in: equation) }
    }

    /// Smaller count first, then parts before the total, then cell order.
    private func rank(of key: CellKey, in equation: Equation) -> (Int, Int, Int) {
        (cells[key] ?? 0, key == equation.total ? 1 : 0, cells.ordinal(of: key) ?? 0)
    }

    /// For each cell, the positions of the sums it appears in.
    private static func equationIndex(_ equations: [Equation]) -> [CellKey: [Int]] {
        var positions: [CellKey: [Int]] = [:]
        for (position, equation) in equations.enumerated() {
            for cell in equation.cells {
                positions[cell, default: []].append(position)
            }
        }
        return positions
    }
}
