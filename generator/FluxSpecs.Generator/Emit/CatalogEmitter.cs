using System.Collections.Generic;
using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Emit
{
    /// <summary>Emits the assembly's <c>ModelCatalog</c>: every card, so tools list models without reflection.</summary>
    internal static class CatalogEmitter
    {
        public static string Emit(string rootNamespace, IReadOnlyList<CatalogEntry> entries)
        {
            var writer = new SourceWriter().FileHeader().Line().Open("namespace " + rootNamespace);
            writer.Doc("summary", "Every model card compiled into this assembly.");
            writer.Line(Literals.GeneratedCode);
            writer.Open("public static class ModelCatalog");
            writer.Doc("summary", "The models, in card-file order.");
            writer.Line("public static " + KnownTypes.ReadOnlyList + "<" + KnownTypes.ModelDescriptor + "> Models { get; } =");
            writer.Line("[");
            foreach (var entry in entries)
            {
                writer.Line("    global::" + entry.Namespace + "." + entry.ModelTypeName + ".Descriptor,");
            }

            writer.Line("];");
            writer.Line();
            writer.Doc("summary", "The model with id <paramref name=\"id\"/>, or null.");
            writer.Open("public static " + KnownTypes.ModelDescriptor + "? Find(string id)");
            writer.Open("foreach (var model in Models)");
            writer.Open("if (model.Id == id)");
            writer.Line("return model;");
            writer.Close();
            writer.Close();
            writer.Line();
            writer.Line("return null;");
            writer.Close();
            writer.Close();
            return writer.Close().ToString();
        }
    }
}
