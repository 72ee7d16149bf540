namespace ChestDx.Onnx.Protobuf;

/// <summary>
/// Field numbers of the ONNX messages ChestDx writes, from onnx/onnx's onnx/onnx.proto (the IR definition; checked
/// against onnx/onnx at commit f7546912). Only the fields the exporter sets are listed.
/// </summary>
internal static class OnnxFields
{
    /// <summary>ModelProto.</summary>
    public const int ModelIrVersion = 1, ModelProducerName = 2, ModelProducerVersion = 3, ModelDocString = 6,
        ModelGraph = 7, ModelOpsetImport = 8, ModelMetadataProps = 14;

    /// <summary>OperatorSetIdProto.</summary>
    public const int OpsetDomain = 1, OpsetVersion = 2;

    /// <summary>StringStringEntryProto.</summary>
    public const int EntryKey = 1, EntryValue = 2;

    /// <summary>GraphProto.</summary>
    public const int GraphNode = 1, GraphName = 2, GraphInitializer = 5, GraphInput = 11, GraphOutput = 12;

    /// <summary>NodeProto.</summary>
    public const int NodeInput = 1, NodeOutput = 2, NodeName = 3, NodeOpType = 4, NodeAttribute = 5;

    /// <summary>AttributeProto (type: AttributeType FLOAT = 1, INT = 2, INTS = 7).</summary>
    public const int AttributeName = 1, AttributeF = 2, AttributeI = 3, AttributeInts = 8, AttributeType = 20;

    public const int AttributeTypeFloat = 1, AttributeTypeInt = 2, AttributeTypeInts = 7;

    /// <summary>TensorProto (data_type FLOAT = 1; raw_data little-endian).</summary>
    public const int TensorDims = 1, TensorDataType = 2, TensorName = 8, TensorRawData = 9;

    public const int DataTypeFloat = 1;

    /// <summary>ValueInfoProto, TypeProto (tensor_type), TypeProto.Tensor, TensorShapeProto(.Dimension).</summary>
    public const int ValueInfoName = 1, ValueInfoType = 2, TypeTensorType = 1, TensorTypeElemType = 1,
        TensorTypeShape = 2, ShapeDim = 1, DimValue = 1, DimParam = 2;
}
