using System.Globalization;
using System.Runtime.InteropServices;
using ChestDx.Onnx.Protobuf;
using static ChestDx.Onnx.Protobuf.OnnxFields;

namespace ChestDx.Onnx.Export;

/// <summary>One attribute of a node: an int, a float or a list of ints (all the DenseNet operators need).</summary>
public sealed record OnnxAttribute(string Name, long? Int = null, float? Float = null, long[]? Ints = null);

/// <summary>One operator application (NodeProto) in the default ai.onnx domain.</summary>
public sealed record OnnxNode(string OpType, string Name, string[] Inputs, string[] Outputs,
    IReadOnlyList<OnnxAttribute> Attributes);

/// <summary>A float32 graph input or output; a dimension is a size (long) or a symbolic name (string).</summary>
public sealed record OnnxValue(string Name, object[] Dims);

/// <summary>
/// A float32 ONNX graph being built: nodes in topological order, constant weights (initializers), inputs and outputs;
/// <see cref="Write"/> serialises it as a ModelProto (onnx/onnx.proto) with metadata_props.
/// </summary>
public sealed class OnnxGraph(string name)
{
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<(string Name, long[] Dims, float[] Values)> _initializers = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public List<OnnxValue> Inputs { get; } = [];
    public List<OnnxValue> Outputs { get; } = [];
    public IReadOnlyList<OnnxNode> Nodes => _nodes;

    /// <summary>Adds a constant tensor; returns its name.</summary>
    public string Constant(string tensorName, long[] dims, float[] values)
    {
        long count = dims.Aggregate(1L, (a, d) => a * d);
        if (count != values.Length)
            throw new ArgumentException($"{tensorName}: {values.Length} values for shape [{string.Join(", ", dims)}]");
        Claim(tensorName);
        _initializers.Add((tensorName, dims, values));
        return tensorName;
    }

    /// <summary>Adds a node with one output named <paramref name="output"/>; returns that name.</summary>
    public string Node(string opType, string output, string[] inputs, params OnnxAttribute[] attributes)
    {
        Claim(output);
        _nodes.Add(new OnnxNode(opType, output, inputs, [output], attributes));
        return output;
    }

    private void Claim(string valueName)
    {
        if (!_names.Add(valueName)) throw new ArgumentException($"value name '{valueName}' is used twice");
    }

    /// <summary>Writes the ModelProto.</summary>
    public void Write(Stream stream, int irVersion, int opset, string producer, string producerVersion,
        string docString, IReadOnlyDictionary<string, string> metadata)
    {
        var model = new ProtoWriter();
        model.WriteInt64(ModelIrVersion, irVersion);
        model.WriteString(ModelProducerName, producer);
        model.WriteString(ModelProducerVersion, producerVersion);
        model.WriteString(ModelDocString, docString);
        model.WriteMessage(ModelGraph, WriteGraph);
        model.WriteMessage(ModelOpsetImport, o =>
        {
            o.WriteString(OpsetDomain, "");
            o.WriteInt64(OpsetVersion, opset);
        });
        foreach ((string key, string value) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            model.WriteMessage(ModelMetadataProps, e =>
            {
                e.WriteString(EntryKey, key);
                e.WriteString(EntryValue, value);
            });
        model.CopyTo(stream);
    }

    private void WriteGraph(ProtoWriter g)
    {
        foreach (OnnxNode node in _nodes) g.WriteMessage(GraphNode, n => WriteNode(n, node));
        g.WriteString(GraphName, name);
        foreach ((string tensorName, long[] dims, float[] values) in _initializers)
            g.WriteMessage(GraphInitializer, t =>
            {
                foreach (long d in dims) t.WriteInt64(TensorDims, d);
                t.WriteInt64(TensorDataType, DataTypeFloat);
                t.WriteString(TensorName, tensorName);
                // raw_data is little-endian (onnx.proto), as .NET floats are on every platform ChestDx runs on.
                t.WriteBytes(TensorRawData, MemoryMarshal.AsBytes(values.AsSpan()));
            });
        foreach (OnnxValue input in Inputs) g.WriteMessage(GraphInput, v => WriteValue(v, input));
        foreach (OnnxValue output in Outputs) g.WriteMessage(GraphOutput, v => WriteValue(v, output));
    }

    private static void WriteNode(ProtoWriter n, OnnxNode node)
    {
        foreach (string input in node.Inputs) n.WriteString(NodeInput, input);
        foreach (string output in node.Outputs) n.WriteString(NodeOutput, output);
        n.WriteString(NodeName, node.Name);
        n.WriteString(NodeOpType, node.OpType);
        foreach (OnnxAttribute a in node.Attributes)
            n.WriteMessage(NodeAttribute, w =>
            {
                w.WriteString(AttributeName, a.Name);
                if (a.Int is { } i)
                {
                    w.WriteInt64(AttributeI, i);
                    w.WriteInt64(AttributeType, AttributeTypeInt);
                }
                else if (a.Float is { } f)
                {
                    w.WriteFloat(AttributeF, f);
                    w.WriteInt64(AttributeType, AttributeTypeFloat);
                }
                else
                {
                    foreach (long v in a.Ints ?? throw new ArgumentException($"attribute {a.Name} has no value"))
                        w.WriteInt64(AttributeInts, v);
                    w.WriteInt64(AttributeType, AttributeTypeInts);
                }
            });
    }

    private static void WriteValue(ProtoWriter v, OnnxValue value)
    {
        v.WriteString(ValueInfoName, value.Name);
        v.WriteMessage(ValueInfoType, type => type.WriteMessage(TypeTensorType, tensor =>
        {
            tensor.WriteInt64(TensorTypeElemType, DataTypeFloat);
            tensor.WriteMessage(TensorTypeShape, shape =>
            {
                foreach (object dim in value.Dims)
                    shape.WriteMessage(ShapeDim, d =>
                    {
                        if (dim is string param) d.WriteString(DimParam, param);
                        else d.WriteInt64(DimValue, Convert.ToInt64(dim, CultureInfo.InvariantCulture));
                    });
            });
        }));
    }
}
