namespace CircularPartners.DataSpace.Domain.Goals;

/// <summary>One term of a fixed vocabulary with its Japanese and English names.</summary>
/// <param name="Indicator">For a goal-setting category: the representative indicator it belongs to.</param>
/// <param name="Exempt">For an industry class or member kind: its members may be exempt from submitting a goal.</param>
public sealed record Term(string Code, string NameJa, string NameEn, string Indicator = "", bool Exempt = false);

/// <summary>
/// The partnership's fixed vocabulary for members and goals: the 32 industry classes, the
/// representative indicators, goal-setting categories, goal kinds, scopes and member kinds. The
/// one place these codes and names are defined; everything else looks them up here.
/// </summary>
public static class GoalVocabulary
{
    public static readonly IReadOnlyList<Term> Industries =
    [
        new("waste-recycling-consulting", "廃棄物処理・リサイクル・環境コンサルタント業", "Waste management, recycling and environmental consulting"),
        new("information-communications", "情報通信業", "Information and communications"),
        new("transport-equipment", "輸送機械器具製造業", "Transportation equipment manufacturing"),
        new("services", "サービス業", "Services"),
        new("wood-pulp-paper", "木材・木製品、パルプ・紙・紙加工品製造業", "Lumber, wood products, pulp, paper and paper products manufacturing"),
        new("chemicals", "化学工業", "Chemical industry"),
        new("food-beverages", "食料品、飲料・たばこ・飼料製造業", "Food, beverages, tobacco and feed manufacturing"),
        new("electrical-machinery", "電気機械器具製造業", "Electrical machinery, equipment and supplies manufacturing"),
        new("agriculture-forestry-fisheries", "農業、林業、漁業", "Agriculture, forestry and fisheries"),
        new("wholesale-retail", "卸売業、小売業", "Wholesale and retail trade"),
        new("other-manufacturing", "その他の製造業", "Miscellaneous manufacturing"),
        new("real-estate", "不動産業", "Real estate"),
        new("ceramics-stone-clay", "窯業・土石製品製造業", "Ceramic, stone and clay products manufacturing"),
        new("petroleum-coal-products", "石油製品・石炭製品製造業", "Petroleum and coal products manufacturing"),
        new("textiles", "繊維工業", "Textile industry"),
        new("construction", "建設業", "Construction"),
        new("goods-rental-leasing", "物品賃貸業", "Goods rental and leasing"),
        new("non-ferrous-metals", "非鉄金属製造業", "Non-ferrous metals manufacturing"),
        new("related-organizations", "関係機関・関係団体", "Related agencies and organizations"),
        new("production-machinery", "生産用機械器具製造業", "Production machinery manufacturing"),
        new("university", "大学", "Universities", Exempt: true),
        new("ict-equipment-electronics", "情報通信機械器具、電子部品・デバイス・電子回路製造業", "Information and communication equipment, electronic components, devices and circuits manufacturing"),
        new("fabricated-metal-products", "金属製品製造業", "Fabricated metal products manufacturing"),
        new("local-government", "自治体", "Local governments"),
        new("research-institute", "研究機関", "Research institutes", Exempt: true),
        new("education-medical-welfare", "教育、学習支援、医療、福祉、複合サービス業", "Education, learning support, medical, health care, welfare and compound services"),
        new("business-machinery", "業務用機械器具製造業", "Business-oriented machinery manufacturing"),
        new("utilities", "電気・ガス・熱供給・水道業", "Electricity, gas, heat supply and water"),
        new("iron-steel", "鉄鋼業", "Iron and steel"),
        new("general-purpose-machinery", "はん用機械器具製造業", "General-purpose machinery manufacturing"),
        new("finance-insurance", "金融業、保険業", "Finance and insurance"),
        new("transport", "運輸業", "Transport"),
    ];

    public static readonly IReadOnlyList<Term> Indicators =
    [
        new("ce-market-size", "サーキュラーエコノミー関連市場規模", "Circular-economy market size"),
        new("ghg-emissions", "廃棄物処理・資源利用に伴う温室効果ガス排出量", "GHG emissions in waste handling and resource use"),
        new("inlet-circular-use-rate", "入口側の循環利用率", "Inlet circular use rate"),
        new("outlet-circular-use-rate", "出口側の循環利用率", "Outlet circular use rate"),
        new("final-disposal-amount", "最終処分量", "Final disposal amount"),
        new("other", "その他", "Other"),
    ];

    public static readonly IReadOnlyList<Term> Categories =
    [
        new("ce-sales", "CE関連売上", "CE-related sales", "ce-market-size"),
        new("ce-investment", "CE関連投資", "CE-related investment", "ce-market-size"),
        new("ghg-emissions", "GHG排出量・削減率", "GHG emissions / reduction rate", "ghg-emissions"),
        new("resource-productivity", "資源生産性", "Resource productivity", "inlet-circular-use-rate"),
        new("recycled-material-use-rate", "再生材利用率", "Recycled-material use rate", "inlet-circular-use-rate"),
        new("collection", "回収量・回収率", "Collection amount / rate", "outlet-circular-use-rate"),
        new("repair-reuse-rate", "リペア・リユース率", "Repair / reuse rate", "outlet-circular-use-rate"),
        new("recycling-rate", "リサイクル率", "Recycling rate", "outlet-circular-use-rate"),
        new("waste", "廃棄物量・廃棄物率", "Waste amount / rate", "final-disposal-amount"),
        new("landfill", "埋立量・埋立率", "Landfill amount / rate", "final-disposal-amount"),
        new("other", "その他", "Other", "other"),
    ];

    public static readonly IReadOnlyList<Term> GoalKinds =
    [
        new("quantitative", "定量目標", "Quantitative"),
        new("qualitative", "定性目標", "Qualitative"),
        new("project", "プロジェクト目標", "Project"),
    ];

    public static readonly IReadOnlyList<Term> Scopes =
    [
        new("company", "全社", "Company"),
        new("product-line", "製品・事業単位", "Product line"),
        new("site", "拠点", "Site"),
    ];

    public static readonly IReadOnlyList<Term> MemberKinds =
    [
        new("company", "企業", "Company"),
        new("municipality", "自治体", "Municipality"),
        new("university", "大学", "University", Exempt: true),
        new("school", "学校", "School", Exempt: true),
        new("research", "研究機関", "Research body", Exempt: true),
        new("association", "団体", "Association"),
        new("government", "行政機関", "Government"),
        new("other", "その他", "Other"),
    ];

    public static readonly IReadOnlyList<Term> Roles =
    [
        new("arterial", "動脈", "Arterial"),
        new("venous", "静脈", "Venous"),
        new("secretariat", "事務局", "Secretariat"),
        new("authority", "行政", "Authority"),
    ];

    /// <summary>The row for members whose industry is not one of the 32 classes.</summary>
    public static readonly Term Unclassified = new("", "未分類", "Unclassified");

    /// <summary>The term whose code, Japanese or English name is <paramref name="text"/> (trimmed; English case-insensitive).</summary>
    public static Term? Find(IReadOnlyList<Term> terms, string? text)
    {
        var wanted = (text ?? "").Trim();
        if (wanted.Length == 0)
        {
            return null;
        }
        return terms.FirstOrDefault(t => t.Code == wanted)
            ?? terms.FirstOrDefault(t => t.NameJa == wanted)
            ?? terms.FirstOrDefault(t => string.Equals(t.NameEn, wanted, StringComparison.OrdinalIgnoreCase));
    }

    public static Term IndustryOf(string code) => Industries.FirstOrDefault(t => t.Code == code) ?? Unclassified;

    /// <summary>Universities, schools and research bodies may be exempt from submitting a goal.</summary>
    public static bool IsExempt(string memberKind, string industry) =>
        MemberKinds.Any(k => k.Code == memberKind && k.Exempt) || Industries.Any(i => i.Code == industry && i.Exempt);

    public static string NameOf(IReadOnlyList<Term> terms, string code, string language) =>
        terms.FirstOrDefault(t => t.Code == code) is { } term ? (language == "en" ? term.NameEn : term.NameJa) : code;
}
