package dev.tuneboard.export;

import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained MLP (dense layers, softmax output) as an ONNX model: per layer Gemm, then the layer's
 * activation as DL4J computes it, Softmax last. Input {@value #INPUT} [N, 784] floats in [0, 1] (the
 * scaling the network was trained on), output {@value #OUTPUT} [N, 10]. Dropout is identity at
 * inference, so it is not in the graph. Built with the ONNX protobuf classes nd4j-api ships.
 */
public final class OnnxExporter {
    public static final String INPUT = "pixels";
    public static final String OUTPUT = "probabilities";
    public static final int OPSET = 13;
    /** IR 7 is what opset 13 needs; older runtimes load it too. */
    private static final long IR_VERSION = 7;

    private final String producerVersion;

    /** {@code producerVersion}: written into the model's producer_version field. */
    public OnnxExporter(String producerVersion) {
        this.producerVersion = producerVersion;
    }

    /** The network has a layer or activation this exporter does not translate: exporting it would compute something else. */
    public static final class UnsupportedModelException extends RuntimeException {
        public UnsupportedModelException(String message) {
            super(message);
        }
    }

    /** What the model card says about the ONNX file. */
    public static Map<String, Object> describe() {
        Map<String, Object> onnx = new LinkedHashMap<>();
        onnx.put("file", "model.onnx");
        onnx.put("opset", OPSET);
        onnx.put("input", Map.of("name", INPUT, "shape", List.of("N", 784), "type", "float32"));
        onnx.put("output", Map.of("name", OUTPUT, "shape", List.of("N", 10), "type", "float32",
                "meaning", "class probabilities (softmax) for digits 0-9"));
        onnx.put("preprocessing", "28×28 grey image, white digit on black (invert dark-on-light pictures), "
                + "each pixel value/255 as float in [0, 1], flattened row by row (index = 28·y + x)");
        return onnx;
    }

    public byte[] toOnnx(MultiLayerNetwork net, String graphName) {
        return model(net, graphName).toByteArray();
    }

    ModelProto model(MultiLayerNetwork net, String graphName) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        if (conf.getInputPreProcessors() != null && !conf.getInputPreProcessors().isEmpty()) {
            throw new UnsupportedModelException("the network has input preprocessors " + conf.getInputPreProcessors().keySet()
                    + "; only plain dense layers can be exported to ONNX");
        }
        Graph g = new Graph(graphName);
        int layers = net.getnLayers();
        String x = INPUT;
        long inputs = -1;
        long outputs = -1;
        for (int i = 0; i < layers; i++) {
            Layer layer = conf.getConf(i).getLayer();
            boolean last = i == layers - 1;
            if (!(layer instanceof DenseLayer) && !(last && layer instanceof OutputLayer)) {
                throw new UnsupportedModelException("layer " + i + " is a " + layer.getClass().getSimpleName()
                        + "; ONNX export supports dense hidden layers and one output layer");
            }
            if (!last && layer instanceof OutputLayer) throw new UnsupportedModelException("layer " + i + " is an output layer before the last");
            INDArray w = net.getLayer(i).getParam("W");
            INDArray b = net.getLayer(i).getParam("b");
            if (w == null || w.rank() != 2) throw new UnsupportedModelException("layer " + i + " has no 2-d weight matrix W");
            if (i == 0) inputs = w.size(0);
            outputs = w.size(1);
            String wName = "layer" + i + ".W";
            String bName = "layer" + i + ".b";
            g.initializer(wName, w);
            String z = "layer" + i + ".z";
            if (b != null) {
                g.initializer(bName, b.reshape(w.size(1)));
                g.node("Gemm", List.of(x, wName, bName), z);
            } else {
                g.node("Gemm", List.of(x, wName), z);
            }
            IActivation activation = ((BaseLayer) layer).getActivationFn();
            if (last) {
                if (!(activation instanceof ActivationSoftmax)) {
                    throw new UnsupportedModelException("the output layer's activation is " + activation
                            + "; the ONNX export's output is probabilities, so it must be softmax");
                }
                g.node("Softmax", List.of(z), OUTPUT, g.intAttribute("axis", 1));
            } else {
                x = activation(g, activation, z, "layer" + i + ".a", i);
            }
        }
        g.valueInfo(true, INPUT, inputs);
        g.valueInfo(false, OUTPUT, outputs);
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("tuneboard")
                .setProducerVersion(producerVersion)
                .setDocString("MNIST digit classifier exported from a DL4J MultiLayerNetwork; input '" + INPUT
                        + "' [N,784] floats in [0,1] (white digit on black), output '" + OUTPUT + "' [N,10]")
                .setGraph(g.build())
                .build();
    }

    /** The hidden activation exactly as DL4J's IActivation computes it; anything else is refused. */
    private static String activation(Graph g, IActivation fn, String in, String out, int layer) {
        if (fn instanceof ActivationReLU relu) {
            if (relu.getMax() != null || relu.getThreshold() != null || relu.getNegativeSlope() != null) {
                throw new UnsupportedModelException("layer " + layer + ": ReLU with max/threshold/negative slope (" + relu
                        + ") has no ONNX translation here");
            }
            g.node("Relu", List.of(in), out);
        } else if (fn instanceof ActivationLReLU leaky) {
            g.node("LeakyRelu", List.of(in), out, g.floatAttribute("alpha", (float) leaky.getAlpha()));
        } else if (fn instanceof ActivationELU elu) {
            g.node("Elu", List.of(in), out, g.floatAttribute("alpha", (float) elu.getAlpha()));
        } else if (fn instanceof ActivationGELU gelu) {
            if (gelu.isPrecise()) {
                // libnd4j's PreciseGELU: 0.5·x·(1 + tanh(√(2/π)·(x + (0.044715·x)³))) — the cube is of the
                // product, unlike the paper's 0.044715·x³; the export matches what the network was trained with.
                String p = out + ".p";
                g.node("Mul", List.of(in, g.scalar(p + ".c", 0.044715f)), p);
                g.node("Mul", List.of(p, p), p + "2");
                g.node("Mul", List.of(p + "2", p), p + "3");
                g.node("Add", List.of(in, p + "3"), out + ".u");
                g.node("Mul", List.of(out + ".u", g.scalar(out + ".k", (float) Math.sqrt(2 / Math.PI))), out + ".v");
                g.node("Tanh", List.of(out + ".v"), out + ".t");
                g.node("Add", List.of(out + ".t", g.scalar(out + ".one", 1f)), out + ".s");
                g.node("Mul", List.of(in, g.scalar(out + ".half", 0.5f)), out + ".h");
                g.node("Mul", List.of(out + ".h", out + ".s"), out);
            } else {
                // libnd4j's (default) GELU is the sigmoid approximation x·σ(1.702·x).
                g.node("Mul", List.of(in, g.scalar(out + ".c", 1.702f)), out + ".u");
                g.node("Sigmoid", List.of(out + ".u"), out + ".s");
                g.node("Mul", List.of(in, out + ".s"), out);
            }
        } else if (fn instanceof ActivationIdentity) {
            return in;
        } else {
            throw new UnsupportedModelException("layer " + layer + ": activation " + fn + " (" + fn.getClass().getSimpleName()
                    + ") has no ONNX translation; supported: relu, leaky_relu, elu, gelu, identity");
        }
        return out;
    }

    /** Collects nodes and initializers in order; names are the wiring. */
    private static final class Graph {
        private final GraphProto.Builder graph;

        Graph(String name) {
            graph = GraphProto.newBuilder().setName(name);
        }

        void node(String op, List<String> inputs, String output, AttributeProto... attributes) {
            NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(output + "/" + op).addOutput(output);
            inputs.forEach(node::addInput);
            for (AttributeProto a : attributes) node.addAttribute(a);
            graph.addNode(node);
        }

        AttributeProto intAttribute(String name, long value) {
            return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
        }

        AttributeProto floatAttribute(String name, float value) {
            return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
        }

        String scalar(String name, float value) {
            graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                    .setRawData(ByteString.copyFrom(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, value))));
            return name;
        }

        /** Row-major float32, little-endian raw data as the ONNX spec requires. */
        void initializer(String name, INDArray values) {
            float[] data = values.castTo(DataType.FLOAT).dup('c').data().asFloat();
            ByteBuffer raw = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            raw.asFloatBuffer().put(data);
            TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                    .setRawData(ByteString.copyFrom(raw.array()));
            for (long d : values.shape()) t.addDims(d);
            graph.addInitializer(t);
        }

        void valueInfo(boolean input, String name, long width) {
            TensorShapeProto shape = TensorShapeProto.newBuilder()
                    .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                    .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width))
                    .build();
            ValueInfoProto info = ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)))
                    .build();
            if (input) graph.addInput(info);
            else graph.addOutput(info);
        }

        GraphProto build() {
            return graph.build();
        }
    }
}
