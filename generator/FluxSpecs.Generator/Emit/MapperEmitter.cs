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
            var writer = new SourceWriter().FileHeader().Line().Open("namespace " + spec.Namespace);
            writer.Open("public sealed partial record " + spec.RequestTypeName);
            WriteCreatePayload(writer, card);
            foreach (var provider in card.Providers)
            {
                var plan = new ProviderPlan(spec, provider);
                writer.Line();
                WriteJsonMethod(writer, plan);
                if (plan.FileImages.Count > 0)
                {
                    writer.Line();
                    WritePartsMethod(writer, plan);
                }

                foreach (var step in plan.Renamed)
                {
                    writer.Line();
                    WriteRename(writer, plan, step);
                }
            }

            writer.Close();
            return writer.Close().ToString();
        }

        private static void WriteCreatePayload(SourceWriter writer, ModelCard card)
        {
            writer.Line("/// <inheritdoc />");
            writer.Open("public " + Payload + " CreatePayload([" + KnownTypes.ProviderId + "] string providerId)");
            writer.Line(KnownTypes.ArgumentNullException + ".ThrowIfNull(providerId);");
            writer.Line(KnownTypes.PayloadGuard + ".ThrowIfLocal(providerId);");
            writer.Line("var validation = Validate(providerId);");
            writer.Line("validation.ThrowIfInvalid();");
            writer.Line("var provider = " + KnownTypes.ProviderRegistry + ".Get(providerId);");
            writer.Line("return providerId switch");
            writer.Line("{");
            foreach (var provider in card.Providers)
            {
                writer.Line("    " + Literals.String(provider.Id) + " => Map" + provider.PropertyName + "(provider, validation.Warnings),");
            }

            writer.Line("    _ => throw new " + KnownTypes.UnreachableException + "(\"Validate(providerId) reports a provider that does not offer the model.\"),");
            writer.Line("};");
            writer.Close();
        }

        private static void WriteJsonMethod(SourceWriter writer, ProviderPlan plan)
        {
            writer.Open("private " + Payload + " Map" + plan.Provider.PropertyName + "(" + Provider + " provider, " + WarningList + " warnings)");
            if (plan.FileImages.Count > 0)
            {
                // The provider takes images as files, so a request with images becomes a multipart form.
                writer.Open("if (" + HasItems(plan.FileImages) + ")");
                writer.Line("return Map" + plan.Provider.PropertyName + "Parts(provider, warnings);");
                writer.Close();
                writer.Line();
            }

            WriteProviderModelId(writer, plan);
            writer.Line("var body = new " + KnownTypes.JsonBody + "(provider, providerModelId);");
            writer.Line("var writer = body.Writer;");
            var sink = new Sink(multipart: false);
            foreach (var step in plan.InputSteps)
            {
                WriteStep(writer, plan, step, sink);
            }

            writer.Line("body.EndInput();");
            foreach (var step in plan.TopLevelSteps)
            {
                WriteStep(writer, plan, step, sink);
            }

            writer.Line("return body.ToPayload(warnings);");
            writer.Close();
        }

        private static void WritePartsMethod(SourceWriter writer, ProviderPlan plan)
        {
            writer.Open("private " + Payload + " Map" + plan.Provider.PropertyName + "Parts(" + Provider + " provider, " + WarningList + " warnings)");
            WriteProviderModelId(writer, plan);
            writer.Line("var form = new " + KnownTypes.MultipartBody + "(provider, providerModelId);");
            writer.Line("var parts = form.Parts;");
            var sink = new Sink(multipart: true);
            foreach (var step in plan.InputSteps.Concat(plan.TopLevelSteps))
            {
                WriteStep(writer, plan, step, sink);
            }

            writer.Line("return form.ToPayload(warnings);");
            writer.Close();
        }

        /// <summary>The card's <c>model</c>, or its <c>edit_model</c> when the request carries reference images.</summary>
        private static void WriteProviderModelId(SourceWriter writer, ProviderPlan plan)
        {
            var provider = plan.Provider;
            if (provider.EditModel is { } editModel && plan.AllImages.Count > 0)
            {
                writer.Line("var providerModelId = " + HasItems(plan.AllImages) + " ? " + Literals.String(editModel) + " : " + Literals.String(provider.Model) + ";");
            }
            else
            {
                writer.Line("const string providerModelId = " + Literals.String(provider.Model) + ";");
            }
        }

        private static string HasItems(IEnumerable<ParameterSpec> imageLists) =>
            string.Join(" || ", imageLists.Select(p => p.PropertyName + " is { Count: > 0 }"));

        private static void WriteStep(SourceWriter writer, ProviderPlan plan, ProviderStep step, Sink sink)
        {
            if (step.Combination is { } combination)
            {
                WriteCombination(writer, plan, combination, sink);
            }
            else if (step.Parameter!.Kind == ParameterKind.ImageList)
            {
                WriteImages(writer, step, sink);
            }
            else
            {
                WriteValue(writer, plan, step, sink);
            }
        }

        private static void WriteValue(SourceWriter writer, ProviderPlan plan, ProviderStep step, Sink sink)
        {
            var parameter = step.Parameter!;
            var field = step.Field;
            var guarded = !parameter.Required;
            var value = guarded ? Local(parameter) : step.Access;
            var notSent = parameter.Kind == ParameterKind.Enum ? NotSent(plan, step, value) : null;
            if (guarded)
            {
                writer.Open("if (" + step.Access + " is { } " + value + (notSent is null ? string.Empty : " && " + notSent) + ")");
            }
            else if (notSent is not null)
            {
                writer.Open("if (" + notSent + ")");
            }

            switch (parameter.Kind)
            {
                case ParameterKind.String:
                    sink.String(writer, field, value, parameter.Secret);
                    break;
                case ParameterKind.Integer:
                case ParameterKind.Number:
                case ParameterKind.Boolean:
                    if (step.Mapping?.Convert == ValueConversion.ToText)
                    {
                        sink.String(writer, field, ToText + "(" + value + ")", secret: false);
                    }
                    else
                    {
                        sink.Scalar(writer, field, value, parameter.Kind);
                    }

                    break;
                case ParameterKind.Enum:
                    sink.String(writer, field, WireValue(plan, step, value), secret: false);
                    break;
                case ParameterKind.EnumList:
                    sink.StartArray(writer, field);
                    writer.Open("foreach (var item in " + value + ")");
                    if (NotSent(plan, step, "item") is { } itemNotSent)
                    {
                        writer.Open("if (" + itemNotSent + ")");
                        sink.ArrayString(writer, field, WireValue(plan, step, "item"));
                        writer.Close();
                    }
                    else
                    {
                        sink.ArrayString(writer, field, WireValue(plan, step, "item"));
                    }

                    writer.Close();
                    sink.EndArray(writer);
                    break;
            }

            if (guarded || notSent is not null)
            {
                writer.Close();
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

        private static void WriteRename(SourceWriter writer, ProviderPlan plan, ProviderStep step)
        {
            var parameter = step.Parameter!;
            var type = "global::" + plan.Spec.Namespace + "." + parameter.EnumTypeName;
            writer.Line("private static string " + RenameMethod(plan, step) + "(" + type + " value) => value switch");
            writer.Line("{");
            foreach (var value in step.Mapping!.Values.Where(v => v.WireValue is not null))
            {
                writer.Line("    " + CSharpTypes.EnumValue(plan.Spec, parameter, value.ModelValue) + " => " + Literals.String(value.WireValue) + ",");
            }

            writer.Line("    _ => throw new " + KnownTypes.ArgumentOutOfRangeException + "(nameof(value), value, " + Literals.String(plan.Provider.Id + " does not accept this " + parameter.Name + ".") + "),");
            writer.Line("};");
        }

        private static void WriteImages(SourceWriter writer, ProviderStep step, Sink sink)
        {
            var parameter = step.Parameter!;
            var binding = step.Mapping?.Images ?? ImageBinding.Default;
            if (binding.Encoding == ImageEncoding.File && !sink.Multipart)
            {
                // Files only travel in the multipart form, which is chosen whenever this list has images.
                return;
            }

            var list = Local(parameter);
            var name = Literals.String(parameter.Name);
            var field = Literals.String(step.Field);
            var indexed = binding.Shape == ImageShape.Indexed;
            writer.Open("if (" + step.Access + " is { } " + list + ")");
            if (sink.Multipart)
            {
                writer.Open("for (var i = 0; i < " + list + ".Count; i++)");
                var partName = indexed ? Images + ".IndexedField(" + field + ", i)" : field;
                writer.Line(binding.Encoding == ImageEncoding.File
                    ? "parts.Add(" + Images + ".ToFilePart(" + partName + ", " + list + "[i], " + name + ", i));"
                    : "parts.Add(" + Part + ".Text(" + partName + ", " + Images + ".ToText(" + list + "[i], " + KnownTypes.ImageEncodingKind + "." + binding.Encoding + ", " + name + ", i)));");
                writer.Close();
            }
            else
            {
                var encode = binding.Encoding switch
                {
                    ImageEncoding.Url => Images + ".WriteUrl(body, " + list + "[i], " + name + ", i);",
                    ImageEncoding.Base64 => Images + ".WriteBase64(body, " + list + "[i], " + name + ", i);",
                    _ => Images + ".WriteDataUri(body, " + list + "[i], " + name + ", i);",
                };
                if (!indexed)
                {
                    writer.Line("writer.WriteStartArray(" + field + ");");
                }

                writer.Open("for (var i = 0; i < " + list + ".Count; i++)");
                if (indexed)
                {
                    writer.Line("writer.WritePropertyName(" + Images + ".IndexedField(" + field + ", i));");
                }

                writer.Line(encode);
                writer.Close();
                if (!indexed)
                {
                    writer.Line("writer.WriteEndArray();");
                }
            }

            writer.Close();
        }

        /// <summary>
        /// A combination, written when at least one of the parameters it reads is set. An unset enum input counts as its
        /// default (the provider's, else the model's), since a ratio or tier is needed to compute anything; an unset width
        /// or height stays unset.
        /// </summary>
        private static void WriteCombination(SourceWriter writer, ProviderPlan plan, Combination combination, Sink sink)
        {
            var inputs = combination.From.Select(name => plan.Spec.Card.Parameters.First(p => p.Name == name)).ToList();
            var optional = inputs.Where(p => !p.Required).Select(p => p.PropertyName + " is not null").ToList();
            if (optional.Count > 0)
            {
                writer.Open("if (" + string.Join(" || ", optional) + ")");
            }
            else
            {
                writer.Open();
            }

            var arguments = ConversionArguments.Inputs(plan.Spec, plan.Provider, combination);
            var into = combination.Into.Select(Literals.String).ToList();
            switch (combination.Convert)
            {
                case CombineConversion.SizeString:
                    writer.Open("if (" + KnownTypes.SizeStringConversion + ".Convert(" + string.Join(", ", arguments) + ") is { } size)");
                    sink.String(writer, combination.Into[0], "size", secret: false);
                    writer.Close();
                    break;
                case CombineConversion.AspectRatioToSize:
                    writer.Line("var size = " + KnownTypes.AspectRatioToSizeConversion + ".Convert(" + string.Join(", ", arguments) + ");");
                    writer.Open("if (size.Width is { } width)");
                    sink.Scalar(writer, combination.Into[0], "width", ParameterKind.Integer);
                    writer.Close();
                    writer.Open("if (size.Height is { } height)");
                    sink.Scalar(writer, combination.Into[1], "height", ParameterKind.Integer);
                    writer.Close();
                    break;
                case CombineConversion.FalImageSize:
                    if (sink.Multipart)
                    {
                        throw new InvalidOperationException("fal_image_size cannot be written to a multipart form.");
                    }

                    writer.Open("if (" + KnownTypes.FalImageSizeConversion + ".Convert(" + string.Join(", ", arguments) + ") is { } imageSize)");
                    writer.Line("imageSize.WriteTo(writer, " + into[0] + ");");
                    writer.Close();
                    break;
                default:
                    throw new InvalidOperationException("Unknown conversion '" + combination.Convert + "'.");
            }

            writer.Close();
        }

        private static string Local(ParameterSpec parameter) =>
            char.ToLowerInvariant(parameter.PropertyName[0]) + parameter.PropertyName.Substring(1) + "Value";

        /// <summary>Writes one field either into the JSON body (<c>writer</c>) or as multipart text parts (<c>parts</c>).</summary>
        private sealed class Sink
        {
            public Sink(bool multipart) => Multipart = multipart;

            public bool Multipart { get; }

            public void String(SourceWriter writer, string field, string value, bool secret) => writer.Line(Multipart
                ? "parts.Add(" + Part + ".Text(" + Literals.String(field) + ", " + value + (secret ? ", secret: true" : string.Empty) + "));"
                : "writer.WriteString(" + Literals.String(field) + ", " + value + ");");

            public void Scalar(SourceWriter writer, string field, string value, ParameterKind kind)
            {
                if (Multipart)
                {
                    String(writer, field, ToText + "(" + value + ")", secret: false);
                }
                else
                {
                    writer.Line((kind == ParameterKind.Boolean ? "writer.WriteBoolean(" : "writer.WriteNumber(") + Literals.String(field) + ", " + value + ");");
                }
            }

            /// <summary>A JSON array, or nothing for a form, where each item is a part of its own.</summary>
            public void StartArray(SourceWriter writer, string field)
            {
                if (!Multipart)
                {
                    writer.Line("writer.WriteStartArray(" + Literals.String(field) + ");");
                }
            }

            public void ArrayString(SourceWriter writer, string field, string value) => writer.Line(Multipart
                ? "parts.Add(" + Part + ".Text(" + Literals.String(field) + ", " + value + "));"
                : "writer.WriteStringValue(" + value + ");");

            public void EndArray(SourceWriter writer)
            {
                if (!Multipart)
                {
                    writer.Line("writer.WriteEndArray();");
                }
            }
        }
    }
}
