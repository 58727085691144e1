namespace CircularPartners.DataSpace.Domain.Index;

/// <summary>
/// The curated names material search treats as one material: English (British and American
/// spellings), Japanese, chemical symbols and common abbreviations, and the IEC 62474 material
/// classes for metals (M-001 to M-007), which a member material also belongs to. Names are
/// written as people write them; <see cref="MaterialTerms"/> normalises them like every query
/// and passport value (width forms folded, hiragana as katakana, lower case).
/// </summary>
/// <remarks>
/// Keep it small and certain: a wrong synonym makes a query find passports it should not, which
/// is worse than a missing one. A Japanese name is found inside a longer word (銅 in 銅箔, copper
/// foil), the longest name first (黄銅, brass, is not 銅), so a one-character name that also sits
/// inside unrelated words (金, gold, in 合金, alloy) is left out.
/// </remarks>
internal static class MaterialSynonyms
{
    /// <summary>A material (or material class) and the names it goes by; <see cref="Class"/> is the IEC 62474 class it belongs to.</summary>
    public sealed record Concept(string Id, string? Class, string[] Names);

    public static readonly Concept[] Concepts =
    [
        // IEC 62474 material classes (metals): each class by its code and its name.
        new("class:m-001", null, ["M-001"]),
        new("class:m-002", null, ["M-002", "other ferrous alloys", "non-stainless steel", "non-stainless steels", "ferrous alloy", "ferrous alloys"]),
        new("class:m-003", null, ["M-003", "aluminium alloy", "aluminium alloys", "aluminum alloy", "aluminum alloys", "aluminium and its alloys",
            "aluminum and its alloys", "アルミニウム合金", "アルミ合金"]),
        new("class:m-004", null, ["M-004", "copper alloy", "copper alloys", "copper and its alloys", "銅合金"]),
        new("class:m-005", null, ["M-005", "magnesium alloy", "magnesium alloys", "magnesium and its alloys", "マグネシウム合金"]),
        new("class:m-006", null, ["M-006", "nickel alloy", "nickel alloys", "nickel and its alloys", "ニッケル合金"]),
        new("class:m-007", null, ["M-007", "zinc alloy", "zinc alloys", "zinc and its alloys", "亜鉛合金"]),

        // Metals.
        new("stainless-steel", "class:m-001", ["stainless steel", "stainless", "SUS", "ステンレス", "ステンレス鋼"]),
        new("steel", "class:m-002", ["steel", "carbon steel", "鋼", "鋼材", "鉄鋼", "スチール"]),
        new("iron", "class:m-002", ["iron", "cast iron", "Fe", "鉄", "鋳鉄"]),
        new("aluminium", "class:m-003", ["aluminium", "aluminum", "Al", "アルミニウム", "アルミ"]),
        new("copper", "class:m-004", ["copper", "Cu", "銅", "カッパー"]),
        new("brass", "class:m-004", ["brass", "黄銅", "真鍮", "真ちゅう"]),
        new("bronze", "class:m-004", ["bronze", "phosphor bronze", "青銅", "りん青銅", "リン青銅"]),
        new("magnesium", "class:m-005", ["magnesium", "マグネシウム"]),
        new("nickel", "class:m-006", ["nickel", "Ni", "ニッケル"]),
        new("zinc", "class:m-007", ["zinc", "Zn", "亜鉛"]),
        new("tin", null, ["tin", "Sn", "錫", "スズ"]),
        new("lead", null, ["lead", "Pb", "鉛"]),
        new("cobalt", null, ["cobalt", "コバルト"]), // not "Co": co-extruded, co-polymer
        new("lithium", null, ["lithium", "Li", "リチウム"]),
        new("manganese", null, ["manganese", "Mn", "マンガン"]),
        new("graphite", null, ["graphite", "黒鉛", "グラファイト"]),

        // Plastics and rubber.
        new("polycarbonate", null, ["polycarbonate", "PC", "ポリカーボネート"]),
        new("polyvinyl-chloride", null, ["polyvinyl chloride", "poly vinyl chloride", "poly(vinyl chloride)", "PVC", "ポリ塩化ビニル", "塩化ビニル", "塩ビ"]),
        new("polypropylene", null, ["polypropylene", "PP", "ポリプロピレン"]),
        new("polyethylene", null, ["polyethylene", "polythene", "PE", "ポリエチレン"]),
        new("polyethylene-terephthalate", null, ["polyethylene terephthalate", "PET", "ポリエチレンテレフタレート"]),
        new("polystyrene", null, ["polystyrene", "PS", "ポリスチレン"]),
        new("abs", null, ["ABS", "acrylonitrile butadiene styrene", "ABS樹脂"]),
        new("polyamide", null, ["polyamide", "nylon", "PA", "ポリアミド", "ナイロン"]),

        // Fibres and others.
        new("polyester", null, ["polyester", "ポリエステル"]),
        new("cotton", null, ["cotton", "綿", "木綿", "コットン"]),
        new("wool", null, ["wool", "羊毛", "ウール"]),
        new("glass", null, ["glass", "ガラス"]),
        new("alumina", null, ["alumina", "aluminium oxide", "aluminum oxide", "アルミナ", "酸化アルミニウム"]), // not aluminium
    ];
}
