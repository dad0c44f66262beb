import Foundation

/// What a reader can work out exactly from a table with hidden cells, knowing every published count
/// and every sum, by combining as many sums as they like.
///
/// Each sum, total − parts = 0, becomes one linear equation in the hidden cells, with the published
/// counts moved to the right-hand side. A hidden cell is determined exactly when its unit vector lies
/// in the row space of those equations, that is when the reduced row echelon form has a row that is
/// that unit vector; its value is then that row's right-hand side. Checking each sum on its own finds
/// only the cells one subtraction away; this finds the ones that need several sums at once.
///
/// Arithmetic is exact, in Int: every coefficient starts as +1 or −1, rows are combined as
/// a·row − b·pivot with coprime a and b and then divided by the gcd of their entries, so entries
/// stay small integers (a handful at most in tables of a few hundred cells) rather than growing
/// into fractions. Should a product still overflow, the cells involved are reported as undecided,
/// never as safe. Hidden cells that share no sum are independent, so each group of them connected
/// by sums is solved on its own, which keeps the matrices small.
struct LinearAudit: Sendable {
    /// Every cell of the sums without a published count, in the order first met in the sums.
    let unknowns: [CellKey]
    /// Hidden cells a reader can compute, with the value they would compute.
    let determined: [CellKey: Int]
    /// Hidden cells left undecided because exact arithmetic outgrew Int, in the order of `unknowns`.
    let undecided: [CellKey]
    /// Determined or undecided, in the order of `unknowns`: what a protector must hide better.
    let exposed: [CellKey]

    /// True when every unknown was decided one way or the other.
    var isExact: Bool { undecided.isEmpty }

    /// Audits `equations` given `published`; any cell of the equations missing from `published` is
    /// an unknown.
    init(equations: [StatisticalTable.Equation], published: [CellKey: Int]) {
        var unknowns: [CellKey] = []
        var columnOfCell: [CellKey: Int] = [:]
        var constraints: [Constraint] = []
        for equation in equations {
            var coefficients: [Int: Int] = [:]
            var constant = 0
            var overflowed = false
            // `cells` is the total, then the parts: total − Σ parts = 0.
            for (index, cell) in equation.cells.enumerated() {
                let sign = index == 0 ? 1 : -1
                if let value = published[cell] {
                    let moved = index == 0
                        ? constant.subtractingReportingOverflow(value)
                        : constant.addingReportingOverflow(value)
                    constant = moved.partialValue
                    // Int.min is kept out too: its magnitude does not fit in Int.
                    overflowed = overflowed || moved.overflow || constant == .min
                } else {
                    let column: Int
                    if let known = columnOfCell[cell] {
                        column = known
                    } else {
                        column = unknowns.count
                        columnOfCell[cell] = column
                        unknowns.append(cell)
                    }
                    coefficients[column, default: 0] += sign
                }
            }
            let terms = coefficients.filter { $0.value != 0 }
                .sorted { $0.key < $1.key }
                .map { Term(column: $0.key, coefficient: $0.value) }
            guard !terms.isEmpty else { continue }
            constraints.append(Constraint(terms: terms, constant: constant, overflowed: overflowed))
        }

        var groups = DisjointSets(count: unknowns.count)
        for constraint in constraints {
            let first = constraint.terms[0].column
            for term in constraint.terms.dropFirst() {
                groups.join(first, term.column)
            }
        }
        var columnsByGroup: [Int: [Int]] = [:]
        for column in unknowns.indices {
            let group = groups.root(of: column)
            columnsByGroup[group, default: []].append(column)
        }
        var constraintsByGroup: [Int: [Constraint]] = [:]
        for constraint in constraints {
            let group = groups.root(of: constraint.terms[0].column)
            constraintsByGroup[group, default: []].append(constraint)
        }

        var determined: [CellKey: Int] = [:]
        var undecidedColumns: Set<Int> = []
        for group in columnsByGroup.keys.sorted() {
            let columns = columnsByGroup[group] ?? []
            if let values = Self.solve(constraintsByGroup[group] ?? [], columns: columns) {
                for (column, value) in values {
                    determined[unknowns[column]] = value
                }
            } else {
                undecidedColumns.formUnion(columns)
            }
        }
        self.unknowns = unknowns
        self.determined = determined
        undecided = unknowns.indices.filter { undecidedColumns.contains($0) }.map { unknowns[$0] }
        exposed = unknowns.indices.filter { column in
            undecidedColumns.contains(column) || determined[unknowns[column]] != nil
        }.map { unknowns[$0] }
    }

    /// One unknown's coefficient in an equation.
    private struct Term {
        let column: Int
        let coefficient: Int
    }

    /// Σ coefficient × unknown = constant. `overflowed` marks a constant that did not fit in Int.
    private struct Constraint {
        let terms: [Term]
        let constant: Int
        let overflowed: Bool
    }

    /// Gauss–Jordan elimination of one connected group: the determined unknowns (as global column
    /// numbers) with their values, or nil if exact arithmetic overflowed.
    private static func solve(_ constraints: [Constraint], columns: [Int]) -> [Int: Int]? {
        guard !constraints.contains(where: \.overflowed) else { return nil }
        var localColumn: [Int: Int] = [:]
        for (local, column) in columns.enumerated() {
            localColumn[column] = local
        }
        let width = columns.count + 1 // the last entry is the right-hand side
        var rows: [[Int]] = []
        rows.reserveCapacity(constraints.count)
        for constraint in constraints {
            var row = [Int](repeating: 0, count: width)
            for term in constraint.terms {
                guard let local = localColumn[term.column] else { return nil }
                row[local] = term.coefficient
            }
            row[width - 1] = constraint.constant
            rows.append(row)
        }

        // Rows not yet used as pivots and not yet reduced to zero. Each is zero in every column
        // before the one being eliminated, so a new pivot row never disturbs earlier pivots.
        var open = Array(rows.indices)
        var pivots: [(row: Int, column: Int)] = []
        for column in 0..<(width - 1) {
            guard let position = pivotPosition(in: open, column: column, rows: rows) else { continue }
            let pivotRow = open.remove(at: position)
            let pivot = rows[pivotRow]
            var emptied: Set<Int> = []
            for target in pivots.map({ $0.row }) + open where rows[target][column] != 0 {
                guard eliminate(column, in: &rows[target], using: pivot) else { return nil }
                if rows[target].dropLast().allSatisfy({ $0 == 0 }) {
                    emptied.insert(target)
                }
            }
            if !emptied.isEmpty {
                open.removeAll { emptied.contains($0) }
            }
            pivots.append((row: pivotRow, column: column))
        }

        var values: [Int: Int] = [:]
        for (row, column) in pivots {
            let entries = rows[row]
            let isUnitRow = (0..<(width - 1)).allSatisfy { $0 == column || entries[$0] == 0 }
            guard isUnitRow else { continue }
            // After the gcd division the pivot is ±1 whenever the table adds up.
            values[columns[column]] = entries[width - 1] / entries[column]
        }
        return values
    }

    /// Among the open rows, the one with the smallest nonzero entry in `column` (a ±1 if there is
    /// one), the first on ties; its position in `open`.
    private static func pivotPosition(in open: [Int], column: Int, rows: [[Int]]) -> Int? {
        var best: Int?
        var bestMagnitude: UInt = 0
        for (position, row) in open.enumerated() {
            let magnitude = rows[row][column].magnitude
            guard magnitude != 0, best == nil || magnitude < bestMagnitude else { continue }
            best = position
            bestMagnitude = magnitude
            if magnitude == 1 { break }
        }
        return best
    }

    /// row ← a·row − b·pivot, with a and b coprime and chosen to clear `column`, then row ÷ the gcd
    /// of its entries. False on overflow, leaving `row` unusable.
    private static func eliminate(_ column: Int, in row: inout [Int], using pivot: [Int]) -> Bool {
        let common = gcd(pivot[column], row[column])
        guard common > 0 else { return false }
        let scale = pivot[column] / common
        let factor = row[column] / common
        var divisor = 0
        for index in row.indices where row[index] != 0 || pivot[index] != 0 {
            let scaled = scale.multipliedReportingOverflow(by: row[index])
            let removed = factor.multipliedReportingOverflow(by: pivot[index])
            let entry = scaled.partialValue.subtractingReportingOverflow(removed.partialValue)
            guard !scaled.overflow, !removed.overflow, !entry.overflow, entry.partialValue != .min else {
                return false
            }
            row[index] = entry.partialValue
            divisor = gcd(divisor, entry.partialValue)
        }
        if divisor > 1 {
            for index in row.indices {
                row[index] /= divisor
            }
        }
        return true
    }

    /// The non-negative greatest common divisor; gcd(0, 0) = 0. Callers keep Int.min out, so the
    /// result always fits.
    private static func gcd(_ first: Int, _ second: Int) -> Int {
        var a = first.magnitude
        var b = second.magnitude
        while b != 0 {
            (a, b) = (b, a % b)
        }
        return a <= UInt(Int.max) ? Int(a) : 0
    }
}
