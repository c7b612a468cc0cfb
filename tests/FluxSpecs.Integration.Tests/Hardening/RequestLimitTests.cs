using FluxSpecs.Errors;
using System.Reflection;
using FluxSpecs.Catalog;
using FluxSpecs.Images;
using FluxSpecs.Integration.Tests.Clients;
using FluxSpecs.Models;
using FluxSpecs.Validation;

namespace FluxSpecs.Integration.Tests.Hardening;

/// <summary>
/// Every limit of every card, on every provider that offers the model, from the catalog: a value at the limit breaks
/// no rule of that parameter, a value one step past it is refused by validation, and starting a job with it sends
/// nothing.
/// </summary>
public sealed class RequestLimitTests
{
    private static readonly string[] LimitRules = [ViolationRules.Min, ViolationRules.Max, ViolationRules.MinLength, ViolationRules.MaxLength, ViolationRules.MaxItems, ViolationRules.MultipleOf];

    /// <summary>One case per (model, provider, parameter, limit, at or past).</summary>
    public static IEnumerable<LimitCase> AllCases()
    {
        foreach (var model in ModelCatalog.Models)
        {
            foreach (var provider in model.Providers)
            {
                foreach (var parameter in model.Parameters.Where(p => !provider.Unsupported.Contains(p.Name)))
                {
                    var limits = Effective(parameter.Limits, provider.Parameters.FirstOrDefault(p => p.Parameter == parameter.Name)?.Limits);
                    foreach (var limitCase in Cases(model, provider.Id, parameter, limits))
                    {
                        yield return limitCase;
                    }
                }
            }
        }
    }

    [Fact]
    public void The_catalog_has_limits_to_test()
    {
        var cases = AllCases().ToList();

        Assert.True(cases.Count > 100, $"{cases.Count} cases");
        Assert.Contains(cases, c => c.Rule == ViolationRules.MaxItems);
        Assert.Contains(cases, c => c.Rule == ViolationRules.MaxLength || c.Rule == ViolationRules.MinLength);
        Assert.Contains(cases, c => c.Rule == ViolationRules.Min);
    }

    [Fact]
    public void A_value_at_a_limit_breaks_no_rule_of_its_parameter_and_one_past_it_does()
    {
        var failures = new List<string>();
        foreach (var limitCase in AllCases())
        {
            var violations = limitCase.Request().Validate(limitCase.Provider).Violations
                .Where(v => v.Parameter == limitCase.Parameter || v.Parameter.StartsWith(limitCase.Parameter + "[", StringComparison.Ordinal))
                .ToList();
            var broken = violations.Any(v => LimitRules.Contains(v.Rule));
            if (limitCase.Past != broken || (limitCase.Past && !violations.Any(v => v.Rule == limitCase.Rule)))
            {
                failures.Add($"{limitCase}: {(violations.Count == 0 ? "no violation" : string.Join("; ", violations.Select(v => v.Rule + " " + v.Message)))}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Nothing_is_sent_for_a_value_past_a_limit()
    {
        await using var providers = await EmulatedProviders.StartAsync();
        using var client = ClientFixture.Client(providers);
        var refused = 0;

        foreach (var limitCase in AllCases().Where(c => c.Past))
        {
            var error = await Assert.ThrowsAsync<RequestValidationException>(() => client.StartAsync(limitCase.Request(), limitCase.Provider));
            Assert.False(error.MayHaveCharged);
            refused++;
        }

        Assert.True(refused > 50);
        Assert.Equal(0, providers.Server.Jobs.TotalCreateAttempts);
    }

    private static IEnumerable<LimitCase> Cases(ModelDescriptor model, string provider, ParameterDescriptor parameter, ParameterLimits limits)
    {
        LimitCase Make(string rule, bool past, object value, string shown) => new(model, provider, parameter, rule, past, value, shown);

        switch (parameter.Type)
        {
            case ParameterType.Integer:
                var step = limits.MultipleOf ?? 1;
                if (limits.Minimum is { } min)
                {
                    yield return Make(ViolationRules.Min, false, (long)min, min.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    yield return Make(ViolationRules.Min, true, (long)min - step, (min - step).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                if (limits.Maximum is { } max)
                {
                    yield return Make(ViolationRules.Max, false, (long)max, max.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    yield return Make(ViolationRules.Max, true, (long)max + step, (max + step).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                if (limits.MultipleOf is { } multiple && multiple > 1 && limits.Rounding is null or Rounding.Reject && limits.Minimum is { } low)
                {
                    yield return Make(ViolationRules.MultipleOf, true, (long)low + 1, (low + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                break;
            case ParameterType.Number:
                if (limits.Minimum is { } nmin)
                {
                    yield return Make(ViolationRules.Min, false, (double)nmin, nmin.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    yield return Make(ViolationRules.Min, true, (double)nmin - 0.01, "min - 0.01");
                }

                if (limits.Maximum is { } nmax)
                {
                    yield return Make(ViolationRules.Max, false, (double)nmax, nmax.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    yield return Make(ViolationRules.Max, true, (double)nmax + 0.01, "max + 0.01");
                }

                break;
            case ParameterType.String:
                if (limits.MaxLength is { } maxLength)
                {
                    yield return Make(ViolationRules.MaxLength, false, new string('a', maxLength), $"{maxLength} characters");
                    yield return Make(ViolationRules.MaxLength, true, new string('a', maxLength + 1), $"{maxLength + 1} characters");
                }

                if (limits.MinLength is { } minLength and > 0)
                {
                    yield return Make(ViolationRules.MinLength, false, new string('a', minLength), $"{minLength} characters");
                    yield return Make(parameter.Required ? ViolationRules.Required : ViolationRules.MinLength, true, new string('a', minLength - 1), $"{minLength - 1} characters");
                }

                break;
            case ParameterType.ImageList:
                if (limits.MaxItems is { } maxItems)
                {
                    yield return Make(ViolationRules.MaxItems, false, Images(maxItems), $"{maxItems} images");
                    yield return Make(ViolationRules.MaxItems, true, Images(maxItems + 1), $"{maxItems + 1} images");
                }

                break;
        }
    }

    private static ImageInput[] Images(int count) =>
        [.. Enumerable.Range(0, count).Select(i => ImageInput.FromUrl($"https://images.example.com/{i}.png"))];

    /// <summary>The provider's narrower rules where it sets them, else the model's.</summary>
    private static ParameterLimits Effective(ParameterLimits model, ParameterLimits? provider) => provider is null ? model : model with
    {
        Minimum = provider.Minimum ?? model.Minimum,
        Maximum = provider.Maximum ?? model.Maximum,
        MultipleOf = provider.MultipleOf ?? model.MultipleOf,
        Rounding = provider.Rounding ?? model.Rounding,
        MinLength = provider.MinLength ?? model.MinLength,
        MaxLength = provider.MaxLength ?? model.MaxLength,
        MaxItems = provider.MaxItems ?? model.MaxItems,
    };

    public sealed record LimitCase(ModelDescriptor Model, string Provider, ParameterDescriptor Descriptor, string Rule, bool Past, object Value, string Shown)
    {
        public string Parameter => Descriptor.Name;

        /// <summary>The minimal request with only this parameter set (and a prompt, unless it is the prompt).</summary>
        public IModelRequest Request()
        {
            var request = EmulatedProviders.MinimalRequest(Model.Id);
            var property = Model.RequestType.GetProperty(Descriptor.PropertyName, BindingFlags.Public | BindingFlags.Instance)!;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var value = Value switch
            {
                long integer when type == typeof(int) => (object)(int)integer,
                double number when type == typeof(decimal) => (decimal)number,
                _ => Value,
            };
            property.SetValue(request, value);
            return request;
        }

        public override string ToString() => $"{Model.Id} on {Provider}: {Parameter} = {Shown} ({(Past ? "past" : "at")} {Rule})";
    }
}
