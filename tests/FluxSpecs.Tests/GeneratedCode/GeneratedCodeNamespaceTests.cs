using System.ComponentModel;
using System.Reflection;

namespace FluxSpecs.Tests.GeneratedCode;

/// <summary>
/// Helpers that exist only for generated code stay out of a user's completion lists: they live in one namespace and
/// each is hidden from IntelliSense.
/// </summary>
public sealed class GeneratedCodeNamespaceTests
{
    [Fact]
    public void Every_public_helper_for_generated_code_is_hidden_from_intellisense()
    {
        var visible = typeof(IModelRequest).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "FluxSpecs.GeneratedCode" && !t.IsNested)
            .Where(t => t.GetCustomAttribute<EditorBrowsableAttribute>()?.State != EditorBrowsableState.Never)
            .Select(t => t.Name);

        Assert.Empty(visible);
    }
}
