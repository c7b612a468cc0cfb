using System.Reflection;
using System.Text.Json;
using FluxSpecs.Catalog;
using FluxSpecs.Mapping;
using FluxSpecs.Models;

namespace FluxSpecs.Tests.Mapping;

/// <summary>
/// Every (model, provider) pair in the catalog has a mapper, found through the catalog alone, so a new card's mappers
/// are covered without a new test. A minimal request (required parameters only) maps to the provider's envelope with
/// nothing but those parameters: no defaults and no unset optionals are written.
/// </summary>
public sealed class EveryProviderTests
{
    public static TheoryData<string, string> Pairs()
    {
        var pairs = new TheoryData<string, string>();
        foreach (var model in ModelCatalog.Models)
        {
            foreach (var provider in model.Providers)
            {
                pairs.Add(model.Id, provider.Id);
            }
        }

        return pairs;
    }

    [Fact]
    public void The_catalog_has_pairs_to_test()
    {
        // The shipped cards have 11 pairs (pro: 7 providers, dev: 4); a theory over none would pass silently.
        Assert.True(Pairs().Count >= 11, $"only {Pairs().Count} pairs");
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void A_minimal_request_maps_to_the_envelope_and_its_required_parameters_only(string modelId, string providerId)
    {
        var model = ModelCatalog.Find(modelId)!;
        var request = MinimalRequest(model);

        var payload = request.CreatePayload(providerId);

        Assert.Equal(providerId, payload.ProviderId);
        Assert.Equal(model.FindProvider(providerId)!.ModelId, payload.ProviderModelId);
        Assert.False(payload.IsMultipart);
        Assert.Empty(payload.Warnings);
        using var body = JsonAssert.Parse(payload);
        var root = body.RootElement;
        // The envelope: an "input" object for Replicate-shaped bodies, and "model" where the body names the model.
        if (root.TryGetProperty("model", out var modelField))
        {
            Assert.Equal(payload.ProviderModelId, modelField.GetString());
        }

        var wrapped = root.TryGetProperty("input", out var input);
        var fields = wrapped ? input : root;
        var required = model.Parameters.Where(p => p.Required).Select(p => p.Name).ToList();
        Assert.Equal(required, fields.EnumerateObject().Select(p => p.Name).Where(name => wrapped || name != "model"));
        Assert.All(required, name => Assert.Equal(JsonValueKind.String, fields.GetProperty(name).ValueKind));
        if (wrapped)
        {
            Assert.All(root.EnumerateObject(), p => Assert.Contains(p.Name, new[] { "model", "input" }));
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Local_is_refused_for_every_model(string modelId, string providerId)
    {
        _ = providerId;
        var request = MinimalRequest(ModelCatalog.Find(modelId)!);

        Assert.Throws<ArgumentException>(() => request.CreatePayload(ProviderIds.Local));
    }

    /// <summary>A request with every required parameter set (cards require strings only, so far), built from the descriptor.</summary>
    private static IModelRequest MinimalRequest(ModelDescriptor model)
    {
        var request = (IModelRequest)Activator.CreateInstance(model.RequestType)!;
        foreach (var parameter in model.Parameters.Where(p => p.Required))
        {
            Assert.True(parameter.Type == ParameterType.String, $"{model.Id}.{parameter.Name}: teach MinimalRequest about required {parameter.Type} parameters.");
            model.RequestType.GetProperty(parameter.PropertyName, BindingFlags.Public | BindingFlags.Instance)!.SetValue(request, "A red fox in the snow");
        }

        return request;
    }
}
