using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace FluxSpecs.Generator.Analysis
{
    /// <summary>
    /// Finds the object creation a request value comes from: the expression itself, or a local initialized with it and
    /// never written again in the same body. Anything else is unknown, so nothing is reported for it.
    /// </summary>
    internal static class RequestOrigin
    {
        public static IObjectCreationOperation? Creation(IOperation operation)
        {
            operation = KnownValues.Unwrap(operation);
            if (operation is IObjectCreationOperation creation)
            {
                return creation;
            }

            if (operation is not ILocalReferenceOperation { Local: var local })
            {
                return null;
            }

            var root = operation;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            var all = root.Descendants().ToList();
            var declarator = all.OfType<IVariableDeclaratorOperation>().FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local));
            if (declarator?.Initializer?.Value is not { } initial || KnownValues.Unwrap(initial) is not IObjectCreationOperation created)
            {
                return null;
            }

            return all.Any(o => WritesTo(o, local)) ? null : created;
        }

        /// <summary>
        /// Whether <paramref name="request"/> (an object creation or <c>with</c>) initializes a local that is written
        /// again in the same body — replaced, passed by reference, or given <paramref name="propertyName"/> — so what its
        /// initializer says, or leaves at the default, about that property may not hold when the request is used.
        /// </summary>
        public static bool IsWrittenLater(IOperation request, string propertyName)
        {
            var operation = request;
            while (operation.Parent is IConversionOperation conversion)
            {
                operation = conversion;
            }

            if (operation.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var local } })
            {
                return false;
            }

            var root = operation;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            return root.Descendants().Any(o => WritesTo(o, local, propertyName));
        }

        /// <summary>
        /// An assignment to the local or to one of its properties (only <paramref name="propertyName"/>, when given), or
        /// passing it by reference.
        /// </summary>
        private static bool WritesTo(IOperation operation, ILocalSymbol local, string? propertyName = null)
        {
            bool IsLocal(IOperation? target) => target is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);

            return operation switch
            {
                IAssignmentOperation assignment => IsLocal(assignment.Target)
                    || (assignment.Target is IMemberReferenceOperation member && IsLocal(member.Instance)
                        && (propertyName is null || member.Member.Name == propertyName)),
                IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out && IsLocal(argument.Value),
                _ => false,
            };
        }
    }
}
