using Spectre.Console.Cli;

namespace Calfwise.Cli;

/// <summary>A small registrar: commands take their dependencies (CliIo, the knowledge base) by constructor.</summary>
internal sealed class TypeRegistrar : ITypeRegistrar
{
    private readonly Dictionary<Type, Func<object>> _factories = [];

    public ITypeResolver Build() => new Resolver(_factories);

    public void Register(Type service, Type implementation) => _factories[service] = () => Create(implementation);

    public void RegisterInstance(Type service, object implementation) => _factories[service] = () => implementation;

    public void RegisterLazy(Type service, Func<object> factory) => _factories[service] = factory;

    private object Create(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters()
            .Select(p => _factories.TryGetValue(p.ParameterType, out var factory) ? factory() : Create(p.ParameterType))
            .ToArray();
        return constructor.Invoke(arguments);
    }

    private sealed class Resolver(Dictionary<Type, Func<object>> factories) : ITypeResolver
    {
        public object? Resolve(Type? type)
        {
            if (type is null)
            {
                return null;
            }

            if (factories.TryGetValue(type, out var factory))
            {
                return factory();
            }

            if (type.IsAbstract || type.IsInterface)
            {
                return null;
            }

            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
            if (constructor is null)
            {
                return null;
            }

            var arguments = constructor.GetParameters().Select(p => Resolve(p.ParameterType)).ToArray();
            return constructor.Invoke(arguments);
        }
    }
}
