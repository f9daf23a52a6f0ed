using System.Text.RegularExpressions;

namespace SupplyGrains.Silo.Tests;

/// <summary>
/// The metric names a PromQL expression selects, read well enough to check dashboards and alerts against a scrape:
/// strings, label matchers, ranges, label lists (by, on, ...), offsets and Grafana variables are set aside; what
/// stays is functions (a name before a parenthesis, which must be a PromQL function or aggregation), keywords and
/// metric names.
/// </summary>
public static partial class PromQl
{
    /// <summary>Prometheus 2.x functions.</summary>
    private static readonly HashSet<string> Functions =
    [
        "abs", "absent", "absent_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "avg_over_time", "ceil",
        "changes", "clamp", "clamp_max", "clamp_min", "cos", "cosh", "count_over_time", "day_of_month", "day_of_week",
        "day_of_year", "days_in_month", "deg", "delta", "deriv", "exp", "floor", "histogram_count", "histogram_fraction",
        "histogram_quantile", "histogram_sum", "holt_winters", "hour", "idelta", "increase", "irate", "label_join",
        "label_replace", "last_over_time", "ln", "log10", "log2", "max_over_time", "min_over_time", "minute", "month",
        "pi", "predict_linear", "present_over_time", "quantile_over_time", "rad", "rate", "resets", "round", "scalar",
        "sgn", "sin", "sinh", "sort", "sort_desc", "sqrt", "stddev_over_time", "stdvar_over_time", "sum_over_time", "tan",
        "tanh", "time", "timestamp", "vector", "year",
    ];

    private static readonly HashSet<string> Aggregations =
        ["sum", "avg", "min", "max", "count", "group", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values"];

    private static readonly HashSet<string> Keywords = ["and", "or", "unless", "bool", "atan2", "inf", "nan"];

    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var text = GrafanaVariable().Replace(expression, " ");
        text = StringLiteral().Replace(text, " ");
        text = Matchers().Replace(text, " ");
        text = Brackets().Replace(text, " ");
        text = LabelList().Replace(text, " ");
        text = Offset().Replace(text, " ");

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match identifier in Identifier().Matches(text))
        {
            var name = identifier.Value;
            var calls = text.AsSpan(identifier.Index + identifier.Length).TrimStart().StartsWith("(");
            if (calls)
            {
                if (!Functions.Contains(name) && !Aggregations.Contains(name))
                    throw new FormatException($"'{name}(' in {expression}: not a PromQL function or aggregation");
                continue;
            }
            if (Keywords.Contains(name) || Aggregations.Contains(name)) continue;
            names.Add(name);
        }
        return names;
    }

    /// <summary>
    /// A Grafana variable query: <c>label_values(selector, label)</c> reads the selector's metric; any other query is
    /// PromQL.
    /// </summary>
    public static IReadOnlySet<string> VariableQueryMetricNames(string query)
    {
        var labelValues = LabelValues().Match(query);
        if (!labelValues.Success) return MetricNames(query);
        return labelValues.Groups["selector"].Success ? MetricNames(labelValues.Groups["selector"].Value) : new HashSet<string>();
    }

    // $var, ${var}, ${var:format}, [[var]]; $__rate_interval and friends.
    [GeneratedRegex(@"\$\{[^}]*\}|\$\w+|\[\[\w+\]\]")]
    private static partial Regex GrafanaVariable();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Matchers();

    // Range selectors and subqueries.
    [GeneratedRegex(@"\[[^\[\]]*\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)|\b(?:group_left|group_right)\b")]
    private static partial Regex LabelList();

    [GeneratedRegex(@"\boffset\s+-?\w+")]
    private static partial Regex Offset();

    // Not the tail of a number (1e3, 0x1f) or of another name.
    [GeneratedRegex(@"(?<![\w.:])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^\s*label_values\(\s*(?:(?<selector>.+?)\s*,\s*)?\w+\s*\)\s*$", RegexOptions.Singleline)]
    private static partial Regex LabelValues();
}
