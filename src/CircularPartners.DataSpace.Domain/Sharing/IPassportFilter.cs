namespace CircularPartners.DataSpace.Domain.Sharing;

/// <summary>Removes from a passport body every field whose access class is not granted.</summary>
public interface IPassportFilter
{
    string Filter(string schemaId, string canonicalJson, IReadOnlySet<string> grantedClasses);
}
