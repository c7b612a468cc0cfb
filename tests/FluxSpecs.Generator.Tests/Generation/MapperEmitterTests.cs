using System.Reflection;
using FluxSpecs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FluxSpecs.Generator.Tests.Generation;

/// <summary>
/// The mapper emitter on a card built to reach what the shipped cards do not: required integers and enums, a field
/// rename, <c>to_string</c> on a number and a boolean, enum-list renames with a value not sent, indexed file parts
/// beside URL text parts, <c>data_uri</c>, a three-input <c>aspect_ratio_to_size</c>, a combination of required
/// parameters, a secret in a form, and <c>top_level</c> extras. The generated code is compiled with a consumer and run.
/// </summary>
public sealed class MapperEmitterTests
{
    private const string Card = """
        id: test-model
        name: Test Model
        parameters:
          prompt: { type: string, required: true }
          steps: { type: integer, required: true, min: 1, max: 50 }
          frames: { type: integer, required: true, min: 1, max: 8 }
          style: { type: enum, required: true, values: [photo, art] }
          ratio:
            type: enum
            values: [custom, match_input_image, "1:1", "16:9"]
            default: "1:1"
          width: { type: integer, min: 64, max: 2048 }
          height: { type: integer, min: 64, max: 2048 }
          guidance: { type: number, min: 0, max: 10 }
          fast: { type: boolean }
          tags: { type: enum_list, values: [a, b, c] }
          references: { type: image_list }
          masks: { type: image_list }
        providers:
          lumenfall:
            model: test-model
            edit_model: test-model-edit
            parameters:
              style: { field: look }
              guidance: { convert: to_string }
              fast: { convert: to_string }
              tags: { values: { a: alpha, b: ~ } }
              references: { field: ref, images: { shape: indexed, encoding: file } }
              masks: { images: { encoding: url } }
            combine:
              - { convert: aspect_ratio_to_size, from: [ratio, width, height], into: [w, h], multiple_of: 64 }
            extra:
              api_secret: { type: string, secret: true, field: secret_field }
          core-today:
            model: owner/test-model
            parameters:
              masks: { images: { encoding: data_uri } }
            combine:
              - { convert: size_string, from: [steps, frames], into: [grid] }
            extra:
              notify: { type: enum_list, values: [x, y], top_level: true }
              label: { type: string, top_level: true, field: name_tag }
        """;

    private const string Consumer = """
        using System.Linq;
        using FluxSpecs.Images;
        using FluxSpecs.Models.TestModel;

        namespace Consumer
        {
            public static class Probe
            {
                public static readonly byte[] Png = { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };

                private static TestModelRequest Request() => new TestModelRequest
                {
                    Prompt = "p",
                    Steps = 4,
                    Frames = 2,
                    Style = TestModelStyle.Art,
                    Ratio = TestModelRatio.Value16_9,
                    Guidance = 2.5,
                    Fast = true,
                    Tags = new[] { TestModelTags.A, TestModelTags.B },
                    Masks = new[] { ImageInput.FromUrl("https://x.example/m.png") },
                    Lumenfall = new TestModelLumenfallOptions { ApiSecret = "k" },
                };

                public static string[] Run()
                {
                    var json = Request().CreatePayload("lumenfall");
                    var form = (Request() with { References = new[] { ImageInput.FromBytes(Png), ImageInput.FromFile("/x/b.jpg") } }).CreatePayload("lumenfall");
                    var core = new TestModelRequest
                    {
                        Prompt = "p",
                        Steps = 4,
                        Frames = 2,
                        Style = TestModelStyle.Photo,
                        Masks = new[] { ImageInput.FromBytes(Png) },
                        CoreToday = new TestModelCoreTodayOptions { Notify = new[] { TestModelCoreTodayNotify.X, TestModelCoreTodayNotify.Y }, Label = "L" },
                    }.CreatePayload("core-today");
                    return new[]
                    {
                        json.ProviderModelId, json.GetJsonText(),
                        form.ProviderModelId, string.Join(" | ", form.Parts!.Select(p => p.ToString())),
                        core.GetJsonText(),
                    };
                }
            }
        }
        """;

    [Fact]
    public void Every_mapping_rule_compiles_cleanly_and_writes_the_body_the_card_describes()
    {
        var run = GeneratorHarness.RunCard(Card);
        Assert.Empty(DiagnosticText.All(run));
        var compilation = run.Output.AddSyntaxTrees(CSharpSyntaxTree.ParseText(Consumer, GeneratorHarness.ParseOptions));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));

        var result = Execute(compilation);

        var png = Convert.ToBase64String([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Assert.Equal(
            [
                "test-model-edit", // masks are reference images too: any image list with images selects edit_model
                """{"model":"test-model-edit","prompt":"p","steps":4,"frames":2,"look":"art","w":1344,"h":768,"guidance":"2.5","fast":"true","tags":["alpha"],"masks":["https://x.example/m.png"],"secret_field":"k"}""",
                "test-model-edit",
                "model=test-model-edit | prompt=p | steps=4 | frames=2 | look=art | w=1344 | h=768 | guidance=2.5 | fast=true | tags=alpha"
                    + " | ref=@ref-1.png (image/png) | ref_2=@b.jpg (image/jpeg) | masks=https://x.example/m.png | secret_field=***",
                $$"""{"model":"owner/test-model","input":{"prompt":"p","grid":"4x2","style":"photo","masks":["data:image/png;base64,{{png}}"]},"notify":["x","y"],"name_tag":"L"}""",
            ],
            result);
    }

    private static string[] Execute(Compilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var assembly = Assembly.Load(image.ToArray());
        return (string[])assembly.GetType("Consumer.Probe")!.GetMethod("Run")!.Invoke(null, null)!;
    }
}
