using System;
using System.Collections.Generic;
using System.Linq;
using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Emit
{
    /// <summary>
    /// Emits <c>CreatePayload(providerId)</c>: per provider, one method that writes the provider's exact body straight to a
    /// <c>Utf8JsonWriter</c>, plus one that builds multipart parts when the provider takes images as files and the request
    /// has some. Everything comes from the card: field renames, value renames (and values not sent), single-value and
    /// combined conversions, image shape and encoding, dropped parameters and provider-only parameters. The only
    /// provider-specific knowledge, the envelope, comes from the provider's registered <c>ProviderDefinition</c>, looked up once per payload.
    /// </summary>
    /// <remarks>
    /// Rules: a null optional is not written (the provider applies its default, which is never written either); a
    /// parameter the provider lacks is not written; a parameter read by a combination is written only through it, at
    /// the place of its first <c>from</c> parameter; provider-only parameters follow the model's, and <c>top_level</c>
    /// ones go after the input object.
    /// </remarks>
    internal static class MapperEmitter
    {
        private const string Payload = KnownTypes.ProviderPayload;
        private const string WarningList = KnownTypes.ReadOnlyList + "<string>";
        private const string Provider = KnownTypes.ProviderDefinition;
        private const string Part = KnownTypes.MultipartPart;
        private const string Images = KnownTypes.ImageEncoding;
        private const string ToText = KnownTypes.ToStringConversion + ".Convert";

        public static string Emit(EmitSpec spec)
        {
            var card = spec.Card;
            var cases = card.Providers.Select(p => Literals.String(p.Id) + " => Map" + p.PropertyName + "(provider, validation.Warnings),");
            var providers = card.Providers.Select(p => new ProviderPlan(spec, p)).SelectMany(ProviderMethods);
            return Template.File($$"""
                {{Template.FileHeader}}

                namespace {{spec.Namespace}}
                {
                    public sealed partial record {{spec.RequestTypeName}}
                    {
                        /// <inheritdoc />
                        public {{Payload}} CreatePayload([{{KnownTypes.ProviderId}}] string providerId)
                        {
                            {{KnownTypes.ArgumentNullException}}.ThrowIfNull(providerId);
                            {{KnownTypes.PayloadGuard}}.ThrowIfLocal(providerId);
                            var validation = Validate(providerId);
                            validation.ThrowIfInvalid();
                            var provider = {{KnownTypes.ProviderRegistry}}.Get(providerId);
                            return providerId switch
                            {{{Template.After(cases, indent: 4)}}
                                _ => throw new {{KnownTypes.UnreachableException}}("Validate(providerId) reports a provider that does not offer the model."),
                            };
                        }{{Template.After(providers, indent: 2)}}
                    }
                }
                """);
        }

        /// <summary>A provider's methods: its JSON body, its multipart form when it takes images as files, its value renames.</summary>
        private static IEnumerable<string> ProviderMethods(ProviderPlan plan)
        {
            var methods = JsonMethod(plan).AsEnumerable();
            if (plan.FileImages.Count > 0)
            {
                methods = methods.Concat(PartsMethod(plan));
            }

            return methods.Concat(plan.Renamed.SelectMany(step => Rename(plan, step)));
        }

        private static string[] JsonMethod(ProviderPlan plan)
        {
            var name = plan.Provider.PropertyName;
            var sink = new Sink(multipart: false);
            // The provider takes images as files, so a request with images becomes a multipart form.
            var asForm = plan.FileImages.Count == 0 ? new string[0] : Template.LinesOf($$"""
                if ({{HasItems(plan.FileImages)}})
                {
                    return Map{{name}}Parts(provider, warnings);
                }

                """);
            return Template.LinesOf($$"""

                private {{Payload}} Map{{name}}({{Provider}} provider, {{WarningList}} warnings)
                {{{Template.After(asForm, indent: 1)}}
                    {{ProviderModelId(plan)}}
                    var body = new {{KnownTypes.JsonBody}}(provider, providerModelId);
                    var writer = body.Writer;{{Template.After(plan.InputSteps.SelectMany(step => Step(plan, step, sink)), indent: 1)}}
                    body.EndInput();{{Template.After(plan.TopLevelSteps.SelectMany(step => Step(plan, step, sink)), indent: 1)}}
                    return body.ToPayload(warnings);
                }
                """);
        }

        private static string[] PartsMethod(ProviderPlan plan)
        {
            var sink = new Sink(multipart: true);
            var steps = plan.InputSteps.Concat(plan.TopLevelSteps).SelectMany(step => Step(plan, step, sink));
            return Template.LinesOf($$"""

                private {{Payload}} Map{{plan.Provider.PropertyName}}Parts({{Provider}} provider, {{WarningList}} warnings)
                {
                    {{ProviderModelId(plan)}}
                    var form = new {{KnownTypes.MultipartBody}}(provider, providerModelId);
                    var parts = form.Parts;{{Template.After(steps, indent: 1)}}
                    return form.ToPayload(warnings);
                }
                """);
        }

        /// <summary>The card's <c>model</c>, or its <c>edit_model</c> when the request carries reference images.</summary>
        private static string ProviderModelId(ProviderPlan plan)
        {
            var provider = plan.Provider;
            return provider.EditModel is { } editModel && plan.AllImages.Count > 0
                ? "var providerModelId = " + HasItems(plan.AllImages) + " ? " + Literals.String(editModel) + " : " + Literals.String(provider.Model) + ";"
                : "const string providerModelId = " + Literals.String(provider.Model) + ";";
        }

        private static string HasItems(IEnumerable<ParameterSpec> imageLists) =>
            string.Join(" || ", imageLists.Select(p => p.PropertyName + " is { Count: > 0 }"));

        private static IEnumerable<string> Step(ProviderPlan plan, ProviderStep step, Sink sink)
        {
            if (step.Combination is { } combination)
            {
                return CombinationStep(plan, combination, sink);
            }

            return step.Parameter!.Kind == ParameterKind.ImageList ? ImagesStep(step, sink) : ValueStep(plan, step, sink);
        }

        private static IEnumerable<string> ValueStep(ProviderPlan plan, ProviderStep step, Sink sink)
        {
            var parameter = step.Parameter!;
            var guarded = !parameter.Required;
            var value = guarded ? Local(parameter) : step.Access;
            var notSent = parameter.Kind == ParameterKind.Enum ? NotSent(plan, step, value) : null;
            var lines = ValueLines(plan, step, sink, value);
            if (guarded)
            {
                return Block("if (" + step.Access + " is { } " + value + (notSent is null ? string.Empty : " && " + notSent) + ")", lines);
            }

            return notSent is null ? lines : Block("if (" + notSent + ")", lines);
        }

        /// <summary>The lines that write a set value of a parameter.</summary>
        private static IEnumerable<string> ValueLines(ProviderPlan plan, ProviderStep step, Sink sink, string value)
        {
            var parameter = step.Parameter!;
            var field = step.Field;
            switch (parameter.Kind)
            {
                case ParameterKind.String:
                    return new[] { sink.String(field, value, parameter.Secret) };
                case ParameterKind.Integer:
                case ParameterKind.Number:
                case ParameterKind.Boolean:
                    return new[]
                    {
                        step.Mapping?.Convert == ValueConversion.ToText
                            ? sink.String(field, ToText + "(" + value + ")", secret: false)
                            : sink.Scalar(field, value, parameter.Kind),
                    };
                case ParameterKind.Enum:
                    return new[] { sink.String(field, WireValue(plan, step, value), secret: false) };
                case ParameterKind.EnumList:
                    var item = new[] { sink.ArrayString(field, WireValue(plan, step, "item")) };
                    var sendItem = NotSent(plan, step, "item") is { } itemNotSent ? Block("if (" + itemNotSent + ")", item) : item;
                    return sink.StartArray(field)
                        .Concat(Block("foreach (var item in " + value + ")", sendItem))
                        .Concat(sink.EndArray());
                default:
                    return new string[0];
            }
        }

        /// <summary>
        /// The condition under which an enum value is sent, when the provider's card maps some values to null (accepted,
        /// not sent); null when every accepted value is sent.
        /// </summary>
        private static string? NotSent(ProviderPlan plan, ProviderStep step, string value)
        {
            var omitted = step.Mapping?.Values.Where(v => v.WireValue is null).Select(v => CSharpTypes.EnumValue(plan.Spec, step.Parameter!, v.ModelValue)).ToList();
            if (omitted is null || omitted.Count == 0)
            {
                return null;
            }

            return value + " is not " + (omitted.Count == 1 ? omitted[0] : "(" + string.Join(" or ", omitted) + ")");
        }

        private static string WireValue(ProviderPlan plan, ProviderStep step, string value) =>
            plan.Renamed.Contains(step) ? RenameMethod(plan, step) + "(" + value + ")" : value + ".ToWireValue()";

        private static string RenameMethod(ProviderPlan plan, ProviderStep step) => "To" + plan.Provider.PropertyName + step.Parameter!.PropertyName;

        private static string[] Rename(ProviderPlan plan, ProviderStep step)
        {
            var parameter = step.Parameter!;
            var type = "global::" + plan.Spec.Namespace + "." + parameter.EnumTypeName;
            var arms = step.Mapping!.Values
                .Where(v => v.WireValue is not null)
                .Select(v => CSharpTypes.EnumValue(plan.Spec, parameter, v.ModelValue) + " => " + Literals.String(v.WireValue) + ",");
            var refused = Literals.String(plan.Provider.Id + " does not accept this " + parameter.Name + ".");
            return Template.LinesOf($$"""

                private static string {{RenameMethod(plan, step)}}({{type}} value) => value switch
                {{{Template.After(arms, indent: 1)}}
                    _ => throw new {{KnownTypes.ArgumentOutOfRangeException}}(nameof(value), value, {{refused}}),
                };
                """);
        }

        private static IEnumerable<string> ImagesStep(ProviderStep step, Sink sink)
        {
            var parameter = step.Parameter!;
            var binding = step.Mapping?.Images ?? ImageBinding.Default;
            if (binding.Encoding == ImageEncoding.File && !sink.Multipart)
            {
                // Files only travel in the multipart form, which is chosen whenever this list has images.
                return new string[0];
            }

            var list = Local(parameter);
            var name = Literals.String(parameter.Name);
            var field = Literals.String(step.Field);
            var indexed = binding.Shape == ImageShape.Indexed;
            var loop = "for (var i = 0; i < " + list + ".Count; i++)";
            if (sink.Multipart)
            {
                var partName = indexed ? Images + ".IndexedField(" + field + ", i)" : field;
                var add = binding.Encoding == ImageEncoding.File
                    ? "parts.Add(" + Images + ".ToFilePart(" + partName + ", " + list + "[i], " + name + ", i));"
                    : "parts.Add(" + Part + ".Text(" + partName + ", " + Images + ".ToText(" + list + "[i], " + KnownTypes.ImageEncodingKind + "." + binding.Encoding + ", " + name + ", i)));";
                return Block("if (" + step.Access + " is { } " + list + ")", Block(loop, new[] { add }));
            }

            var encode = binding.Encoding switch
            {
                ImageEncoding.Url => Images + ".WriteUrl(body, " + list + "[i], " + name + ", i);",
                ImageEncoding.Base64 => Images + ".WriteBase64(body, " + list + "[i], " + name + ", i);",
                _ => Images + ".WriteDataUri(body, " + list + "[i], " + name + ", i);",
            };
            var write = indexed
                ? Block(loop, new[] { "writer.WritePropertyName(" + Images + ".IndexedField(" + field + ", i));", encode })
                : new[] { "writer.WriteStartArray(" + field + ");" }.Concat(Block(loop, new[] { encode })).Concat(new[] { "writer.WriteEndArray();" });
            return Block("if (" + step.Access + " is { } " + list + ")", write);
        }

        /// <summary>
        /// A combination, written when at least one of the parameters it reads is set. An unset enum input counts as its
        /// default (the provider's, else the model's), since a ratio or tier is needed to compute anything; an unset width
        /// or height stays unset.
        /// </summary>
        private static IEnumerable<string> CombinationStep(ProviderPlan plan, Combination combination, Sink sink)
        {
            var inputs = combination.From.Select(name => plan.Spec.Card.Parameters.First(p => p.Name == name)).ToList();
            var optional = inputs.Where(p => !p.Required).Select(p => p.PropertyName + " is not null").ToList();
            var arguments = string.Join(", ", ConversionArguments.Inputs(plan.Spec, plan.Provider, combination));
            var into = combination.Into;
            IEnumerable<string> lines = combination.Convert switch
            {
                CombineConversion.SizeString => Block(
                    "if (" + KnownTypes.SizeStringConversion + ".Convert(" + arguments + ") is { } size)",
                    new[] { sink.String(into[0], "size", secret: false) }),
                CombineConversion.AspectRatioToSize => new[] { "var size = " + KnownTypes.AspectRatioToSizeConversion + ".Convert(" + arguments + ");" }
                    .Concat(Block("if (size.Width is { } width)", new[] { sink.Scalar(into[0], "width", ParameterKind.Integer) }))
                    .Concat(Block("if (size.Height is { } height)", new[] { sink.Scalar(into[1], "height", ParameterKind.Integer) })),
                CombineConversion.FalImageSize when sink.Multipart =>
                    throw new InvalidOperationException("fal_image_size cannot be written to a multipart form."),
                CombineConversion.FalImageSize => Block(
                    "if (" + KnownTypes.FalImageSizeConversion + ".Convert(" + arguments + ") is { } imageSize)",
                    new[] { "imageSize.WriteTo(writer, " + Literals.String(into[0]) + ");" }),
                _ => throw new InvalidOperationException("Unknown conversion '" + combination.Convert + "'."),
            };
            return Block(optional.Count > 0 ? "if (" + string.Join(" || ", optional) + ")" : null, lines);
        }

        /// <summary>A block of <paramref name="body"/> under <paramref name="header"/> (an <c>if</c>, a loop), or a bare one for locals that must not leak.</summary>
        private static IEnumerable<string> Block(string? header, IEnumerable<string> body)
        {
            var block = Template.LinesOf($$"""
                {{{Template.After(body, indent: 1)}}
                }
                """);
            return header is null ? block : new[] { header }.Concat(block);
        }

        private static string Local(ParameterSpec parameter) =>
            char.ToLowerInvariant(parameter.PropertyName[0]) + parameter.PropertyName.Substring(1) + "Value";

        /// <summary>The line that writes one field either into the JSON body (<c>writer</c>) or as multipart text parts (<c>parts</c>).</summary>
        private sealed class Sink
        {
            public Sink(bool multipart) => Multipart = multipart;

            public bool Multipart { get; }

            public string String(string field, string value, bool secret) => Multipart
                ? "parts.Add(" + Part + ".Text(" + Literals.String(field) + ", " + value + (secret ? ", secret: true" : string.Empty) + "));"
                : "writer.WriteString(" + Literals.String(field) + ", " + value + ");";

            public string Scalar(string field, string value, ParameterKind kind) => Multipart
                ? String(field, ToText + "(" + value + ")", secret: false)
                : (kind == ParameterKind.Boolean ? "writer.WriteBoolean(" : "writer.WriteNumber(") + Literals.String(field) + ", " + value + ");";

            /// <summary>A JSON array, or nothing for a form, where each item is a part of its own.</summary>
            public IEnumerable<string> StartArray(string field) =>
                Multipart ? new string[0] : new[] { "writer.WriteStartArray(" + Literals.String(field) + ");" };

            public string ArrayString(string field, string value) => Multipart
                ? "parts.Add(" + Part + ".Text(" + Literals.String(field) + ", " + value + "));"
                : "writer.WriteStringValue(" + value + ");";

            public IEnumerable<string> EndArray() => Multipart ? new string[0] : new[] { "writer.WriteEndArray();" };
        }
    }
}
