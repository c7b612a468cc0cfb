using System.Collections.Concurrent;
using FluxSpecs.Catalog;

namespace FluxSpecs.Emulator.Validation;

/// <summary>
/// The fields a provider's body may carry for a model, built from the provider's body plan
/// (<see cref="ProviderDescriptor.Body"/>, which the generator works out once, as the mapper writes it): which fields
/// exist, under which wire names, with which image shape and encoding, conversion and combination. The rules come from
/// the card's parameters: value maps, the model's limits narrowed by the provider's, defaults, applicability. An
/// indexed image list becomes one field per allowed image. Nothing here knows a provider by name.
/// </summary>
internal sealed class WireSchema
{
    private static readonly ConcurrentDictionary<(string Model, string Provider, bool Edit), WireSchema> Cache = new();

    private WireSchema(ModelDescriptor model, ProviderDescriptor provider, bool edit, Dictionary<string, WireField> fields, Dictionary<string, string> unsupported)
    {
        Model = model;
        Provider = provider;
        Edit = edit;
        Fields = fields;
        Unsupported = unsupported;
    }

    public ModelDescriptor Model { get; }

    public ProviderDescriptor Provider { get; }

    public bool Edit { get; }

    /// <summary>Wire name → field.</summary>
    public IReadOnlyDictionary<string, WireField> Fields { get; }

    /// <summary>Wire names of parameters the provider does not accept → the card parameter.</summary>
    public IReadOnlyDictionary<string, string> Unsupported { get; }

    public static WireSchema For(ModelDescriptor model, ProviderDescriptor provider, bool edit) =>
        Cache.GetOrAdd((model.Id, provider.Id, edit), _ => Build(model, provider, edit));

    /// <summary>The field that carries model parameter <paramref name="parameter"/> one to one, or null.</summary>
    public WireField? FieldFor(string parameter) =>
        Fields.Values.FirstOrDefault(f => !f.IsExtra && f.Parameter == parameter && f.Kind is not (WireKind.Pixels or WireKind.SizeString or WireKind.FalImageSize));

    /// <summary>The field named <paramref name="name"/> (a wire name), or null.</summary>
    public WireField? Field(string name) => Fields.GetValueOrDefault(name);

    private static WireSchema Build(ModelDescriptor model, ProviderDescriptor provider, bool edit)
    {
        var fields = new Dictionary<string, WireField>(StringComparer.Ordinal);
        var unsupported = new Dictionary<string, string>(StringComparer.Ordinal);

        // Model parameters, in card order: the plan lists only those written one to one (not those a combination reads).
        foreach (var planned in provider.Body.Where(f => f is { Parameter: not null, Extra: false }))
        {
            var parameter = model.FindParameter(planned.Parameter!)
                ?? throw new InvalidOperationException($"{provider.Id}'s body plan for {model.Id} names an unknown parameter '{planned.Parameter}'.");
            var mapping = provider.Parameters.FirstOrDefault(m => m.Parameter == parameter.Name);
            var name = planned.Name;
            if (planned.Unsupported)
            {
                unsupported[name] = parameter.Name;
                continue;
            }

            var limits = Narrow(parameter.Limits, mapping?.Limits);
            var field = new WireField
            {
                Name = name,
                Parameter = parameter.Name,
                Kind = WireKind.Any,
                Limits = limits,
                Required = parameter.Required,
                Default = (edit ? mapping?.EditDefault : null) ?? mapping?.Default ?? parameter.Default,
            };

            if (planned.Type == ParameterType.ImageList)
            {
                // A provider with a separate edit endpoint takes images there only, and needs at least one.
                if (provider.EditModelId is not null && !edit)
                {
                    unsupported[name] = parameter.Name;
                    continue;
                }

                AddImageFields(fields, field with { Required = provider.EditModelId is not null }, planned);
                continue;
            }

            field = planned.Type switch
            {
                ParameterType.String => field with { Kind = WireKind.String },
                ParameterType.Integer => field with { Kind = WireKind.Integer, IntegerAsString = planned.Convert == ValueConversion.ToText },
                ParameterType.Number => field with { Kind = WireKind.Number },
                ParameterType.Boolean => field with { Kind = WireKind.Boolean },
                ParameterType.Enum => WithValues(field with { Kind = WireKind.Enum }, parameter, mapping),
                ParameterType.EnumList => WithValues(field with { Kind = WireKind.EnumList }, parameter, mapping),
                _ => field,
            };
            fields[name] = field with { Applicability = parameter.Applicability };
        }

        // An applicability rule can only be checked when the field it depends on is itself on the wire (not unsupported,
        // not read by a combination).
        foreach (var (name, field) in fields.ToList())
        {
            if (field.Applicability is { } rule && !fields.Values.Any(f => f.Parameter == rule.Parameter))
            {
                fields[name] = field with { Applicability = null };
            }
        }

        foreach (var planned in provider.Body.Where(f => f.Combination is not null))
        {
            AddCombinationField(fields, planned.Name, planned.Combination!, model, provider);
        }

        foreach (var planned in provider.Body.Where(f => f.Extra))
        {
            var extra = provider.Extra.FirstOrDefault(e => e.Name == planned.Parameter)
                ?? throw new InvalidOperationException($"{provider.Id}'s body plan for {model.Id} names an unknown provider-only parameter '{planned.Parameter}'.");
            var field = new WireField
            {
                Name = planned.Name,
                Parameter = extra.Name,
                Kind = planned.Type switch
                {
                    ParameterType.String => WireKind.String,
                    ParameterType.Integer => WireKind.Integer,
                    ParameterType.Number => WireKind.Number,
                    ParameterType.Boolean => WireKind.Boolean,
                    ParameterType.Enum => WireKind.Enum,
                    ParameterType.EnumList => WireKind.EnumList,
                    ParameterType.ImageList => WireKind.ImageArray,
                    _ => WireKind.Any,
                },
                Limits = extra.Limits,
                AllowedValues = [.. extra.Values.Select(v => v.Value)],
                Required = extra.Required,
                Default = extra.Default,
                IsExtra = true,
                ImageEncoding = planned.ImageEncoding,
            };
            fields[planned.Name] = field;
        }

        return new WireSchema(model, provider, edit, fields, unsupported);
    }

    private static void AddImageFields(Dictionary<string, WireField> fields, WireField field, BodyField planned)
    {
        var encoding = planned.ImageEncoding ?? ImageEncodingKind.Url;
        field = field with { ImageEncoding = encoding };
        if (encoding == ImageEncodingKind.File)
        {
            fields[field.Name] = field with { Kind = WireKind.ImageFiles };
        }
        else if (planned.ImageShape == ImageShape.Indexed)
        {
            // input_image, input_image_2 … input_image_N: one field per allowed image, so a ninth is an unknown field.
            var count = field.Limits.MaxItems ?? 8;
            for (var i = 1; i <= count; i++)
            {
                var name = i == 1 ? field.Name : FormattableString.Invariant($"{field.Name}_{i}");
                fields[name] = field with { Name = name, Kind = WireKind.Image, Required = field.Required && i == 1 };
            }
        }
        else
        {
            fields[field.Name] = field with { Kind = WireKind.ImageArray };
        }
    }

    private static WireField WithValues(WireField field, ParameterDescriptor parameter, ProviderParameterDescriptor? mapping)
    {
        if (mapping is { Values.Count: > 0 })
        {
            var wireToModel = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (model, wire) in mapping.Values)
            {
                // A value mapped to nothing is accepted but never sent, so it never arrives on the wire.
                if (wire is not null)
                {
                    wireToModel.TryAdd(wire, model); // several model values may share a wire value (Lumenfall's auto)
                }
            }

            return field with { AllowedValues = [.. wireToModel.Keys], WireToModel = wireToModel };
        }

        return field with { AllowedValues = [.. parameter.Values.Select(v => v.Value)] };
    }

    /// <summary>One field a combination writes (<paramref name="into"/>, one of its <c>into</c> fields).</summary>
    private static void AddCombinationField(Dictionary<string, WireField> fields, string into, CombinationDescriptor combination, ModelDescriptor model, ProviderDescriptor provider)
    {
        ParameterLimits LimitsOf(string parameter) =>
            model.FindParameter(parameter) is { } p
                ? Narrow(p.Limits, provider.Parameters.FirstOrDefault(m => m.Parameter == parameter)?.Limits)
                : ParameterLimits.None;

        switch (combination.Convert)
        {
            case CombineConversion.AspectRatioToSize:
                // The conversion also carries width/height through (custom), so a field named like a model
                // parameter keeps that parameter's rules as the provider narrows them.
                if (!fields.ContainsKey(into))
                {
                    fields[into] = new WireField
                    {
                        Name = into,
                        Parameter = into,
                        Kind = WireKind.Pixels,
                        Limits = model.FindParameter(into) is not null
                            ? LimitsOf(into)
                            : new ParameterLimits { Minimum = 1, MultipleOf = combination.MultipleOf, Rounding = FluxSpecs.Validation.Rounding.Nearest },
                        Default = provider.Parameters.FirstOrDefault(m => m.Parameter == into)?.Default ?? model.FindParameter(into)?.Default,
                    };
                }

                break;

            case CombineConversion.SizeString when combination.Into.Count == 1 && combination.From.Count >= 2:
                fields[into] = new WireField
                {
                    Name = into,
                    Parameter = string.Join('/', combination.From),
                    Kind = WireKind.SizeString,
                    WidthLimits = LimitsOf(combination.From[0]),
                    HeightLimits = LimitsOf(combination.From[1]),
                };
                break;

            case CombineConversion.FalImageSize when combination.Into.Count == 1:
                fields[into] = new WireField
                {
                    Name = into,
                    Parameter = string.Join('/', combination.From),
                    Kind = WireKind.FalImageSize,
                    WidthLimits = LimitsOf(combination.From.FirstOrDefault(f => f == "width") ?? "width"),
                    HeightLimits = LimitsOf(combination.From.FirstOrDefault(f => f == "height") ?? "height"),
                };
                break;

            default:
                fields.TryAdd(into, new WireField { Name = into, Parameter = into, Kind = WireKind.Any });
                break;
        }
    }

    /// <summary>The model's rules with the provider's narrower ones laid over them.</summary>
    internal static ParameterLimits Narrow(ParameterLimits model, ParameterLimits? provider) => provider is null
        ? model
        : new ParameterLimits
        {
            Minimum = provider.Minimum ?? model.Minimum,
            Maximum = provider.Maximum ?? model.Maximum,
            MultipleOf = provider.MultipleOf ?? model.MultipleOf,
            Rounding = provider.MultipleOf is not null ? provider.Rounding ?? model.Rounding : model.Rounding,
            MinLength = provider.MinLength ?? model.MinLength,
            MaxLength = provider.MaxLength ?? model.MaxLength,
            MaxItems = provider.MaxItems ?? model.MaxItems,
            Formats = provider.Formats.Count > 0 ? provider.Formats : model.Formats,
        };
}
