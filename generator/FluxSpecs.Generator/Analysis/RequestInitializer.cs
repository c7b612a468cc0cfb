using System.Collections.Generic;
using System.Linq;
using FluxSpecs.Generator.Model;
using Microsoft.CodeAnalysis.Operations;

namespace FluxSpecs.Generator.Analysis
{
    /// <summary>The parameters an object initializer (or <c>with</c>) sets to values known at compile time.</summary>
    internal static class RequestInitializer
    {
        public static IReadOnlyList<(ParameterSpec Parameter, Microsoft.CodeAnalysis.IOperation Value, KnownValue Known)> Read(IObjectOrCollectionInitializerOperation initializer, ModelCard card)
        {
            var result = new List<(ParameterSpec, Microsoft.CodeAnalysis.IOperation, KnownValue)>();
            foreach (var assignment in initializer.Initializers.OfType<ISimpleAssignmentOperation>())
            {
                if (assignment.Target is IPropertyReferenceOperation { Property: var property }
                    && card.Parameters.FirstOrDefault(p => p.PropertyName == property.Name) is { } parameter
                    && KnownValues.Of(assignment.Value, parameter) is { } known)
                {
                    result.Add((parameter, assignment.Value, known));
                }
            }

            return result;
        }
    }
}
