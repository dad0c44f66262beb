/// Union–find over numbered elements; a group's root is its smallest member. The audit uses it to
/// solve each group of hidden cells sharing sums on its own, suppression to protect each group of
/// linked cells on its own: cells that share no sum cannot give each other away.
struct DisjointSets {
    private var parents: [Int]

    init(count: Int) {
        parents = Array(0..<count)
    }

    mutating func root(of element: Int) -> Int {
        var current = element
        while parents[current] != current {
            let grandparent = parents[parents[current]]
            parents[current] = grandparent
            current = grandparent
        }
        return current
    }

    mutating func join(_ first: Int, _ second: Int) {
        let a = root(of: first)
        let b = root(of: second)
        if a != b {
            parents[max(a, b)] = min(a, b)
        }
    }
}
