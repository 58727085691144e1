namespace CircularPartners.DataSpace.Domain.Passports;

public enum PassportStatus
{
    Active = 1,
    Withdrawn = 2,
}
