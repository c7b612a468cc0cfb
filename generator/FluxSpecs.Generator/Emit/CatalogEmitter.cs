using System.Collections.Generic;
using System.Linq;
using FluxSpecs.Generator.Model;

namespace FluxSpecs.Generator.Emit
{
    /// <summary>Emits the assembly's <c>ModelCatalog</c>: every card, so tools list models without reflection.</summary>
    internal static class CatalogEmitter
    {
        public static string Emit(string rootNamespace, IReadOnlyList<CatalogEntry> entries)
        {
            var models = Template.After(entries.Select(entry => "global::" + entry.Namespace + "." + entry.ModelTypeName + ".Descriptor,"), indent: 3);
            return Template.File($$"""
                {{Template.FileHeader}}

                namespace {{rootNamespace}}
                {
                    /// <summary>Every model card compiled into this assembly.</summary>
                    {{Literals.GeneratedCode}}
                    public static class ModelCatalog
                    {
                        /// <summary>The models, in card-file order.</summary>
                        public static {{KnownTypes.ReadOnlyList}}<{{KnownTypes.ModelDescriptor}}> Models { get; } =
                        [{{models}}
                        ];

                        /// <summary>The model with id <paramref name="id"/>, or null.</summary>
                        public static {{KnownTypes.ModelDescriptor}}? Find(string id)
                        {
                            foreach (var model in Models)
                            {
                                if (model.Id == id)
                                {
                                    return model;
                                }
                            }

                            return null;
                        }
                    }
                }
                """);
        }
    }
}
