"""Write extractors/int8_dense.onnx: the NER's dense layer in 8-bit integers, for onnxruntime.

    pip install "onnx>=1.16" && python scripts/make_int8_graph.py

The graph is committed (340 bytes) so that running the model needs onnxruntime only. It holds no
weights: Y = dequantize(MatMulInteger(DynamicQuantizeLinear(X), Wq)) * ws + b, with X (rows, inputs)
float32, Wq (inputs, outputs) int8, ws (outputs) float32 (each output column's weight scale) and
b (outputs) float32, all given at each call (extractors/int8_dense.py quantizes the weights).
"""

from pathlib import Path

import onnx
from onnx import TensorProto, helper

OUT = Path(__file__).resolve().parent.parent / "extractors" / "int8_dense.onnx"


def int8_dense_graph() -> onnx.ModelProto:
    nodes = [
        # X to uint8 over the batch's own range (scale and zero point as outputs)
        helper.make_node("DynamicQuantizeLinear", ["X"], ["Xq", "x_scale", "x_zero"]),
        # int32 sums of (Xq - x_zero) * Wq; Wq is symmetric (zero point 0)
        helper.make_node("MatMulInteger", ["Xq", "Wq", "x_zero"], ["Y_int"]),
        helper.make_node("Cast", ["Y_int"], ["Y_float"], to=TensorProto.FLOAT),
        helper.make_node("Mul", ["x_scale", "ws"], ["scale"]),
        helper.make_node("Mul", ["Y_float", "scale"], ["Y_scaled"]),
        helper.make_node("Add", ["Y_scaled", "b"], ["Y"]),
    ]
    value = helper.make_tensor_value_info
    graph = helper.make_graph(
        nodes,
        "int8_dense",
        [
            value("X", TensorProto.FLOAT, ["rows", "inputs"]),
            value("Wq", TensorProto.INT8, ["inputs", "outputs"]),
            value("ws", TensorProto.FLOAT, ["outputs"]),
            value("b", TensorProto.FLOAT, ["outputs"]),
        ],
        [value("Y", TensorProto.FLOAT, ["rows", "outputs"])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="resume-screener")
    model.ir_version = 7  # readable by onnxruntime 1.8 and later
    onnx.checker.check_model(model)
    return model


if __name__ == "__main__":
    OUT.write_bytes(int8_dense_graph().SerializeToString())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
