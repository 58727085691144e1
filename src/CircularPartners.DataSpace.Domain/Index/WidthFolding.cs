using System.Text;

namespace CircularPartners.DataSpace.Domain.Index;

/// <summary>
/// The width forms of NFKC, done by hand because the connector runs with invariant globalization
/// (no ICU, so <see cref="string.Normalize(NormalizationForm)"/> leaves them as they are):
/// full-width ASCII (ＣＯＰＰＥＲ) and the ideographic space become ASCII, half-width katakana
/// (ｱﾙﾐﾆｳﾑ) becomes full-width with its voiced marks composed (ｶﾞ → ガ), and hiragana becomes
/// katakana, so the same word in either kana is one.
/// </summary>
internal static class WidthFolding
{
    // U+FF61..U+FF9F in order.
    private const string HalfWidthKatakana = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜";

    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case >= '\uff01' and <= '\uff5e':
                    folded.Append((char)(c - 0xfee0));
                    break;
                case '\u3000':
                    folded.Append(' ');
                    break;
                case '\uff9e' or '\u3099' or '\u309b' when folded.Length > 0 && Voiced(folded[^1]) is { } voiced:
                    folded[^1] = voiced;
                    break;
                case '\uff9f' or '\u309a' or '\u309c' when folded.Length > 0 && SemiVoiced(folded[^1]) is { } semiVoiced:
                    folded[^1] = semiVoiced;
                    break;
                case >= '\uff61' and <= '\uff9f':
                    folded.Append(HalfWidthKatakana[c - 0xff61]);
                    break;
                case >= '\u3041' and <= '\u3096':
                    folded.Append((char)(c + 0x60));
                    break;
                default:
                    folded.Append(c);
                    break;
            }
        }
        return folded.ToString();
    }

    private const string Voiceable = "カキクケコサシスセソタチツテトハヒフヘホウ";
    private const string VoicedForms = "ガギグゲゴザジズゼゾダヂヅデドバビブベボヴ";
    private const string SemiVoiceable = "ハヒフヘホ";
    private const string SemiVoicedForms = "パピプペポ";

    private static char? Voiced(char c) => Voiceable.IndexOf(c, StringComparison.Ordinal) is >= 0 and var at ? VoicedForms[at] : null;

    private static char? SemiVoiced(char c) => SemiVoiceable.IndexOf(c, StringComparison.Ordinal) is >= 0 and var at ? SemiVoicedForms[at] : null;
}
