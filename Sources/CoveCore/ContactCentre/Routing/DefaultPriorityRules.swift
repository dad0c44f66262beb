/// A starter list of plain phrases for the two alerts every child helpline needs, in the six
/// ITU languages. It is a starting point, not a finished list: each helpline must review it
/// with its own counsellors, add the words children there really use (slang, dialect, common
/// misspellings, the languages it answers in) and remove what gives false alarms.
///
/// Matching is by whole words after folding, so inflected forms need their own entries, and
/// Arabic words with attached prefixes (و، ف، ب، ل) do not match their bare form.
public enum DefaultPriorityRules {
    public static let suicideCode = "suicide"
    public static let imminentDangerCode = "imminent-danger"

    public static let starter = PriorityRules(lists: [
        "en": lists(
            suicide: ["suicide", "suicidal", "kill myself", "killing myself", "end my life", "take my own life",
                      "want to die", "don't want to live", "better off dead"],
            danger: ["going to kill me", "gonna kill me", "going to hurt me", "is hurting me", "i am in danger",
                     "i'm in danger", "i am not safe", "i'm not safe", "not safe at home"]),
        "fr": lists(
            suicide: ["suicide", "suicidaire", "me suicider", "je veux me tuer", "je vais me tuer",
                      "mettre fin à mes jours", "je veux mourir", "envie de mourir", "plus envie de vivre"],
            danger: ["va me tuer", "vont me tuer", "je suis en danger", "je ne suis pas en sécurité",
                     "il me frappe", "elle me frappe"]),
        "es": lists(
            suicide: ["suicidio", "suicidarme", "me quiero suicidar", "quitarme la vida", "quiero matarme",
                      "me voy a matar", "quiero morir", "quiero morirme", "no quiero vivir"],
            danger: ["me va a matar", "me van a matar", "estoy en peligro", "no estoy a salvo",
                     "me está pegando"]),
        "ar": lists(
            suicide: ["انتحار", "الانتحار", "أنتحر", "أقتل نفسي", "أريد أن أموت", "أنهي حياتي", "لا أريد أن أعيش"],
            danger: ["سيقتلني", "سوف يقتلني", "أنا في خطر", "لست في أمان", "يضربني الآن"]),
        "zh": lists(
            suicide: ["自杀", "自殺", "我想死", "不想活", "结束生命", "結束生命", "轻生", "輕生"],
            danger: ["要杀我", "要殺我", "我有危险", "我有危險", "我很危险", "我很危險"]),
        "ru": lists(
            suicide: ["самоубийство", "суицид", "покончить с собой", "покончу с собой", "убить себя", "убью себя",
                      "хочу умереть", "не хочу жить"],
            danger: ["убьёт меня", "убьют меня", "я в опасности", "мне угрожают", "меня бьют"]),
    ])

    /// Danger first, so a phrase such as "he is going to kill me" alerts as danger to the child,
    /// not as suicide, where lists at the same level would both match.
    private static func lists(suicide: [String], danger: [String]) -> [PriorityRules.KeywordList] {
        [PriorityRules.KeywordList(level: .urgent, code: imminentDangerCode, phrases: danger),
         PriorityRules.KeywordList(level: .urgent, code: suicideCode, phrases: suicide)]
    }
}
