using System.Xml.Linq;

namespace CircularPartners.DataSpace.Domain.Interop;

/// <summary>
/// One declared substance as a cmp/2.0 substance: name, CAS and EC numbers (check digits verified;
/// a number that fails is dropped with that reason, never indexed), declarable substance group,
/// mass, concentration, threshold, exemption and safe-use information.
/// </summary>
internal static class Iec62474Substance
{
    public static void Map(Iec62474Mapping m, XElement substance, string at, Dictionary<string, XElement> aboveThreshold, HashSet<string> referenced)
    {
        m.Map(substance.Attribute("name"), at + "/substanceName");
        m.Map(substance.Attribute("descriptionOfUse"), at + "/reportableApplication");
        foreach (var id in Iec62474Mapping.Children(substance, "SubstanceID"))
        {
            SubstanceId(m, id, at);
        }
        var ownThreshold = Iec62474Mapping.Child(substance, "CompositionThreshold");
        if (Iec62474Mapping.Children(substance, "DsgID").FirstOrDefault() is { } dsg)
        {
            var entry = Iec62474Mapping.Child(dsg, "EntryID")!.Attribute("entryIdentity")!;
            var group = entry.Value.Trim();
            referenced.Add(group);
            if (Iec62474Composition.ListIdRule().IsMatch(group))
            {
                m.Map(entry, at + "/substanceGroup", group);
            }
            if (Iec62474Mapping.Child(dsg, "ListID") is { } list && Iec62474Composition.ListIdRule().IsMatch(Iec62474Composition.ListIdOf(list)))
            {
                m.Map(list.Attribute("identity"), at + "/listReferences/0", Iec62474Composition.ListIdOf(list));
                m.MapAlso(list.Attribute("authority"), at + "/listReferences/0");
                m.Drop(list.Attribute("version"), "the version of the list: /cmp/article/declarableSubstanceLists holds it");
            }
            if (ownThreshold is null && aboveThreshold.TryGetValue(group, out var compliance))
            {
                Threshold(m, Iec62474Mapping.Child(compliance, "ComplianceThreshold")!.Attribute("reportingThreshold")!, at);
            }
        }
        var mass = Iec62474Mapping.Child(substance, "Mass");
        if (mass?.Attribute("unitOfMeasure")?.Value == "mg")
        {
            // cmp/2.0 keeps traces in mg as declared rather than as tiny kg fractions.
            m.MapNumber(mass.Attribute("mass"), at + "/massMg");
            m.Drop(mass.Attribute("unitOfMeasure"), "the unit (mg) of the mass: read as massMg");
        }
        else
        {
            m.MapMassKg(mass, at + "/massKg");
        }
        var percent = Iec62474Mapping.Child(substance, "MassPercent");
        m.MapNumber(percent?.Attribute("massPercent"), at + "/concentrationPercent");
        if (percent?.Attribute("massPercentRangeMin") is { } min && percent.Attribute("massPercentRangeMax") is { } max)
        {
            m.MapNumber(min, at + "/concentrationRangePercent/min");
            m.MapNumber(max, at + "/concentrationRangePercent/max");
        }
        foreach (var exemption in Iec62474Mapping.Children(substance, "Exemptions").SelectMany(e => Iec62474Mapping.Children(e, "Exemption")))
        {
            m.Map(exemption.Attribute("identity"), at + "/reportableApplication");
        }
        if (ownThreshold is not null)
        {
            Threshold(m, ownThreshold.Attribute("reportingThreshold")!, at);
            m.Map(ownThreshold.Attribute("reportableApplication"), at + "/reportableApplication");
        }
        foreach (var safeUse in Iec62474Mapping.Children(substance, "SafeUse"))
        {
            m.Map(safeUse.Attribute("safeUseInformation"), at + "/safeUseInformation");
        }
    }

    private static void SubstanceId(Iec62474Mapping m, XElement id, string at)
    {
        var list = Iec62474Mapping.Child(id, "ListID");
        var entry = Iec62474Mapping.Child(id, "EntryID")!.Attribute("entryIdentity")!;
        var value = entry.Value.Trim();
        var kind = Iec62474Values.SubstanceIdKind(list?.Attribute("authority")?.Value, list?.Attribute("identity")?.Value, value);
        if (kind is null)
        {
            m.Drop(entry, $"a substance id in list '{(list is null ? "(none)" : Iec62474Composition.ListIdOf(list))}': cmp/2.0 holds CAS and EC numbers");
            return;
        }
        if (Iec62474Values.SubstanceIdProblem(kind, value) is { } problem)
        {
            m.Drop(entry, problem);
            return;
        }
        m.Map(entry, at + (kind == "cas" ? "/casNumber" : "/ecNumber"), value);
        m.DropAll(list, $"names the list of the substance id ({kind.ToUpperInvariant()} numbers), read as {(kind == "cas" ? "casNumber" : "ecNumber")}");
    }

    private static void Threshold(Iec62474Mapping m, XAttribute threshold, string at)
    {
        if (Iec62474Values.ThresholdPercent(threshold.Value) is { } percent)
        {
            m.Map(threshold, at + "/reportingThresholdPercent", percent);
        }
        else
        {
            m.Drop(threshold, $"the threshold '{threshold.Value}' is not a % by mass of the homogeneous material, the unit of reportingThresholdPercent");
        }
    }
}
