using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// The declaration's Compliance and Composition sections as cmp/2.0's declarable-substance lists
/// and its parts → materials → substances tree. IEC 62474 nests parts (assemblies of parts);
/// cmp/2.0 lists the parts that declare materials, flat. A substance takes its reporting threshold
/// from its own CompositionThreshold, else from the Compliance entry (DsDsg) of its declarable
/// substance group, when that threshold is a % by mass of the homogeneous material.
/// </summary>
internal static partial class Iec62474Composition
{
    private const string Article = "/cmp/article";

    private sealed record Groups(Dictionary<string, XElement> AboveThreshold, HashSet<string> Referenced, List<string> Lists);

    public static void Map(Iec62474Mapping m, XElement product)
    {
        var groups = new Groups(new(StringComparer.Ordinal), new(StringComparer.Ordinal), []);
        foreach (var compliance in Iec62474Mapping.Children(product, "Compliance"))
        {
            List(m, Iec62474Mapping.Child(compliance, "DeclarableSubstanceList"), groups.Lists);
            foreach (var entry in Iec62474Mapping.Children(compliance, "DsDsg"))
            {
                var id = Iec62474Mapping.Child(entry, "DsDsgID")!.Attribute("entryIdentity")!.Value.Trim();
                if (Iec62474Mapping.Child(entry, "ComplianceThreshold")!.Attribute("aboveComplianceThreshold")!.Value is "true" or "1")
                {
                    groups.AboveThreshold.TryAdd(id, entry);
                }
                else
                {
                    m.DropAll(entry, $"declarable substance entry {id} ({entry.Attribute("name")!.Value}) is below its reporting threshold in this article: nothing of it is declared");
                }
            }
        }
        if (Iec62474Mapping.Child(product, "Composition") is { } composition)
        {
            foreach (var list in Iec62474Mapping.Children(composition, "DeclarableSubstanceList"))
            {
                List(m, list, groups.Lists);
            }
            var part = 0;
            var articleMaterials = Iec62474Mapping.Children(composition, "Material").ToList();
            if (articleMaterials.Count > 0)
            {
                // Materials declared for the article itself: cmp/2.0 needs a part, so the article is its own part.
                var id = Iec62474Mapping.Child(product, "ProductID")!;
                m.Map(id.Attribute("identifier"), $"{Article}/parts/{part}/partId");
                m.Map(id.Attribute("name"), $"{Article}/parts/{part}/name");
                Materials(m, articleMaterials, $"{Article}/parts/{part++}", groups);
            }
            foreach (var child in Iec62474Mapping.Children(composition, "ProductPart"))
            {
                Part(m, child, ref part, groups);
            }
            foreach (var substance in Iec62474Mapping.Children(composition, "Substance"))
            {
                m.DropAll(substance, "a substance declared for the article, outside any homogeneous material: cmp/2.0 records substances per material");
            }
            for (var p = 0; p < part; p++)
            {
                var materials = (m.Writer.Get($"{Article}/parts/{p}/materials") as JsonArray)?.Count ?? 0;
                for (var j = 0; j < materials; j++)
                {
                    m.Writer.RemoveRows($"{Article}/parts/{p}/materials/{j}/substances", row => row?["substanceName"] is null,
                        "cmp/2.0 needs a substance name, and this substance has none");
                }
            }
            m.Writer.RemoveRows($"{Article}/parts", row => row?["partId"] is null, "cmp/2.0 needs a part id (ProductID/@identifier), and this part has none");
        }
        foreach (var (id, entry) in groups.AboveThreshold)
        {
            m.DropAll(entry, groups.Referenced.Contains(id)
                ? $"declarable substance entry {id}: the substances the composition declares under it carry its id (substanceGroup) and its threshold"
                : $"declarable substance entry {id} ({entry.Attribute("name")!.Value}) is above its reporting threshold, but the composition declares no substance under it: cmp/2.0 records substances per homogeneous material");
        }
    }

    private static void List(Iec62474Mapping m, XElement? list, List<string> lists)
    {
        if (list is null)
        {
            return;
        }
        var (authority, identity, version) = (list.Attribute("authority")!, list.Attribute("identity")!, list.Attribute("version")!);
        var id = ListId(list);
        if (!ListIdRule().IsMatch(id) || lists.Contains(id))
        {
            m.DropAll(list, lists.Contains(id) ? $"list {id} is already listed" : $"'{id}' cannot be a list id (letters, digits, '.', '_' and '-')");
            return;
        }
        var at = $"{Article}/declarableSubstanceLists/{lists.Count}";
        lists.Add(id);
        m.Map(identity, at + "/listId", id);
        m.MapAlso(authority, at + "/listId");
        m.Map(version, at + "/version");
    }

    /// <summary>A list's id as cmp/2.0 writes it: authority and identity, e.g. <c>IEC62474-DSL</c>.</summary>
    private static string ListId(XElement list) =>
        $"{list.Attribute("authority")!.Value.Trim()}-{list.Attribute("identity")!.Value.Trim()}".Replace(' ', '-');

    private static void Part(Iec62474Mapping m, XElement productPart, ref int part, Groups groups)
    {
        var id = Iec62474Mapping.Child(productPart, "ProductID")!;
        var materials = Iec62474Mapping.Children(productPart, "Material").ToList();
        m.Drop(productPart.Attribute("numberOfUnits"), "units of the part in its parent: cmp/2.0 lists each part once, with the mass its ProductID declares");
        if (materials.Count > 0)
        {
            var at = $"{Article}/parts/{part++}";
            m.Map(id.Attribute("identifier"), at + "/partId");
            m.Map(id.Attribute("name"), at + "/name");
            m.MapMassKg(Iec62474Mapping.Child(id, "Mass"), at + "/massKg");
            Materials(m, materials, at, groups);
        }
        else
        {
            var reason = productPart.Elements(Iec62474Document.Ns + "ProductPart").Any()
                ? "an assembly of parts: cmp/2.0 lists parts flat, so its parts are listed and the assembly is not"
                : "a part that declares no material: cmp/2.0 lists parts with their materials";
            m.DropAll(id, reason);
            m.Sweep(productPart, _ => reason);
        }
        foreach (var child in Iec62474Mapping.Children(productPart, "ProductPart"))
        {
            Part(m, child, ref part, groups);
        }
        foreach (var substance in Iec62474Mapping.Children(productPart, "Substance"))
        {
            m.DropAll(substance, "a substance declared for the part, outside any homogeneous material: cmp/2.0 records substances per material");
        }
    }

    private static void Materials(Iec62474Mapping m, List<XElement> materials, string part, Groups groups)
    {
        for (var j = 0; j < materials.Count; j++)
        {
            var material = materials[j];
            var at = $"{part}/materials/{j}";
            m.Map(material.Attribute("name"), at + "/materialName");
            foreach (var materialClass in Iec62474Mapping.Children(material, "MaterialClassID"))
            {
                var list = Iec62474Mapping.Child(materialClass, "ListID");
                var entry = Iec62474Mapping.Child(materialClass, "EntryID")!.Attribute("entryIdentity")!;
                if ((list is null || list.Attribute("authority")!.Value.Trim().Equals("IEC62474", StringComparison.OrdinalIgnoreCase))
                    && MaterialClassRule().IsMatch(entry.Value.Trim()) && m.Writer.Get(at + "/materialClass") is null)
                {
                    m.Map(entry, at + "/materialClass", entry.Value.Trim());
                    m.Drop(entry.Parent!.Attribute("entryDescription"), "the class's description in the IEC 62474 list: materialClass holds its id");
                    m.DropAll(list, "names the list of the material class (IEC 62474 material classes): materialClass holds its entry");
                }
            }
            m.MapMassKg(Iec62474Mapping.Child(material, "Mass"), at + "/massKg");
            var recycled = Iec62474Mapping.Child(Iec62474Mapping.Child(Iec62474Mapping.Child(Iec62474Mapping.Child(material, "MaterialCircularity"), "RecycledContentInformation"), "TotalRecycledContent"), "MassPercent");
            m.MapNumber(recycled?.Attribute("massPercent"), at + "/recycledContentPercent");
            var substances = Iec62474Mapping.Children(material, "Substance").ToList();
            for (var k = 0; k < substances.Count; k++)
            {
                Iec62474Substance.Map(m, substances[k], $"{at}/substances/{k}", groups.AboveThreshold, groups.Referenced);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    internal static partial Regex ListIdRule();

    [GeneratedRegex("^M-[0-9]{3}$")]
    private static partial Regex MaterialClassRule();

    internal static string ListIdOf(XElement list) => ListId(list);
}
