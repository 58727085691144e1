namespace CircularPartners.DataSpace.Domain.Identifiers;

/// <summary>
/// The check-digit rules of the identifiers passports carry, so a mistyped number is refused at
/// publish time instead of being stored, indexed and matched (a GLN also has 13 digits, but almost
/// never passes as a 法人番号).
/// </summary>
public static class CheckDigits
{
    /// <summary>CAS Registry Number <c>NNNNNNN-NN-R</c>: R = Σ(position × digit) mod 10, positions counted from the right of the digits before R.</summary>
    public static bool IsCasNumber(string value)
    {
        var parts = value.Split('-');
        if (parts.Length != 3 || parts[0].Length is < 2 or > 7 || parts[1].Length != 2 || parts[2].Length != 1
            || !parts.All(p => p.All(char.IsAsciiDigit)))
        {
            return false;
        }
        var digits = parts[0] + parts[1];
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            sum += (digits.Length - i) * (digits[i] - '0');
        }
        return sum % 10 == parts[2][0] - '0';
    }

    /// <summary>
    /// 法人番号 (Japanese corporate number), 13 digits: the first is the check digit,
    /// 9 − (Σ Pn × Qn mod 9) over the other twelve, n counted from the right, Qn = 1 for odd n, 2 for even n.
    /// </summary>
    public static bool IsJapaneseCorporateNumber(string value)
    {
        if (value.Length != 13 || !value.All(char.IsAsciiDigit))
        {
            return false;
        }
        var sum = 0;
        for (var n = 1; n <= 12; n++)
        {
            sum += (value[13 - n] - '0') * (n % 2 == 1 ? 1 : 2);
        }
        return value[0] - '0' == 9 - (sum % 9);
    }

    /// <summary>A GS1 key (GTIN-8/12/13/14, GLN-13, ...): the last digit is the GS1 mod-10 check digit.</summary>
    public static bool IsGs1Key(string value, params int[] lengths)
    {
        if (!lengths.Contains(value.Length) || !value.All(char.IsAsciiDigit))
        {
            return false;
        }
        return value[^1] - '0' == Gs1CheckDigit(value.AsSpan(0, value.Length - 1));
    }

    /// <summary>The GS1 mod-10 check digit of the digits before it (weights 3, 1, 3, ... from the right).</summary>
    public static int Gs1CheckDigit(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            sum += (digits[digits.Length - 1 - i] - '0') * (i % 2 == 0 ? 3 : 1);
        }
        return (10 - (sum % 10)) % 10;
    }

    /// <summary>LEI (ISO 17442): 18 alphanumerics and two check digits, ISO 7064 MOD 97-10 (the whole code mod 97 is 1).</summary>
    public static bool IsLei(string value)
    {
        if (value.Length != 20 || !value.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)) || !value[18..].All(char.IsAsciiDigit))
        {
            return false;
        }
        var remainder = 0;
        foreach (var c in value)
        {
            // Letters count as two digits (A = 10 ... Z = 35).
            remainder = char.IsAsciiDigit(c) ? ((remainder * 10) + (c - '0')) % 97 : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }
        return remainder == 1;
    }

    /// <summary>EC number <c>NNN-NNN-R</c>: R = Σ(position × digit) mod 11 over the six digits, positions from the left; 10 is never issued.</summary>
    public static bool IsEcNumber(string value)
    {
        if (value.Length != 9 || value[3] != '-' || value[7] != '-')
        {
            return false;
        }
        var digits = string.Concat(value.AsSpan(0, 3), value.AsSpan(4, 3));
        if (!digits.All(char.IsAsciiDigit) || !char.IsAsciiDigit(value[8]))
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 6; i++)
        {
            sum += (i + 1) * (digits[i] - '0');
        }
        return sum % 11 == value[8] - '0';
    }
}
