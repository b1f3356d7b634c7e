#!/usr/bin/env bash
# Side-by-side latency of the certified samples against the engines applications run, in one process per model:
# `vela bench --compare` with the plugins admitted (trusting the samples' DEVELOPMENT-ONLY key): native-npu for the
# int8 models; for the float models native-fp32 (priority 150) ahead of java-cpu (100), or java-cpu alone when
# SAMPLES leaves native-fp32 out. The peer is TFLite
# with its default XNNPACK delegate (.tflite) or ONNX Runtime with its defaults (.onnx), timed interleaved with Vela;
# the last column says how many operators XNNPACK took. PEER_KERNELS=builtin compares with TFLite's builtin kernels.
#
# Usage (from the repository root, after `mvn -B verify` so that the jars carry their certificates):
#   vendor-samples/bench/side-by-side.sh [DATA_DIR] [THREADS...]
# DATA_DIR defaults to ../shared/data, THREADS to "1 2". Environment: RUNS (default 2000), WARMUP (2000),
# BIG_RUNS / BIG_WARMUP for MobileNetV2 (300 / 200), WARMUP_SECONDS (default 2: warm-up goes on, both engines run
# by run alike, until that time has passed too, since a model of a few microseconds gets Vela's Java to its
# JIT-compiled steady state only after tens of thousands of runs), OPTIMIZE=1 adds --optimize, SAMPLES the plugins admitted
# (default "native-npu java-cpu native-fp32"), MODELS=float|int8|all (default all). Prints one line per model and
# thread count: model, plugin, threads, Vela p50, engine p50, ratio, max output difference, what the peer's delegate took.
set -euo pipefail
data=${1:-../shared/data}
shift || true
threads=${*:-1 2}
runs=${RUNS:-2000}
warmup=${WARMUP:-2000}
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

samples=${SAMPLES:-native-npu java-cpu native-fp32}
float_plugin=java-cpu
case " $samples " in *" native-fp32 "*) float_plugin=native-fp32;; esac
mkdir -p "$work/plugins"
for sample in $samples; do
    cp "vendor-samples/$sample/target/vela-sample-$sample-"*.jar "$work/plugins/"
    cp "vendor-samples/$sample/target/vela/"*-vela-cert.json "$work/plugins/"
done
if [ ! -d runtime/cli/target/engines ]; then
    # package first: with -am, dependency resolution needs the reactor's jars (nothing is installed)
    mvn -B -q -pl runtime/cli -am package dependency:copy-dependencies -DskipTests -Dinvoker.skip=true \
        -DincludeScope=test -DincludeGroupIds=com.microsoft.onnxruntime,org.bytedeco -DoutputDirectory=target/engines
fi

tiny=$data/tflite/mlcommons-tiny
int8_models=(
    "native-npu $tiny/keyword_spotting__kws_ref_model.tflite"
    "native-npu $tiny/visual_wake_words__vww_96_int8.tflite"
    "native-npu $tiny/image_classification__pretrainedResnet_quant.tflite"
    "native-npu $tiny/anomaly_detection__ad01_int8.tflite"
    "native-npu $data/tflite/tflite-micro/mobilenet_v2_quantized_1x3x224x224.tflite"
)
float_models=(
    "$float_plugin $tiny/keyword_spotting__kws_ref_model_float32.tflite"
    "$float_plugin $tiny/visual_wake_words__vww_96_float.tflite"
    "$float_plugin $tiny/image_classification__pretrainedResnet.tflite"
    "$float_plugin $tiny/anomaly_detection__ad01_fp32.tflite"
    "$float_plugin $data/onnx/models/mnist_8/model.onnx"
)
case "${MODELS:-all}" in
    float) models=("${float_models[@]}");;
    int8) models=("${int8_models[@]}");;
    *) models=("${int8_models[@]}" "${float_models[@]}");;
esac
extra=()
if [ "${OPTIMIZE:-0}" = 1 ]; then extra+=(--optimize); fi
peer_kernels=${PEER_KERNELS:-default}
printf '%-45s %-10s %3s %10s %10s %7s  %-12s %s\n' model plugin thr vela_p50 engine_p50 ratio max_diff peer
for entry in "${models[@]}"; do
    plugin=${entry%% *}
    model=${entry#* }
    r=$runs; w=$warmup
    case "$model" in *mobilenet_v2*) r=${BIG_RUNS:-300}; w=${BIG_WARMUP:-200};; esac
    kernels=(--peer-kernels "$peer_kernels")
    case "$model" in *.onnx) kernels=();; esac
    for t in $threads; do
        out=$(java --add-opens java.base/java.lang=ALL-UNNAMED -cp "$root/runtime/cli/target/vela.jar:$root/runtime/cli/target/engines/*" \
            dev.vela.runtime.cli.VelaCli bench --model "$model" --plugins "$work/plugins" \
            --trust vendor-samples/dev-keys/vela-samples-DEVELOPMENT-ONLY.pub.pem \
            --runs "$r" --warmup "$w" --warmup-seconds "${WARMUP_SECONDS:-2}" --threads "$t" --compare "${kernels[@]}" "${extra[@]}" 2>/dev/null)
        vela=$(sed -n 's/^latency p50 \([0-9.]*\) ms.*/\1/p' <<<"$out")
        engine=$(sed -n 's/^compare .*: p50 \([0-9.]*\) ms;.*/\1/p' <<<"$out")
        ratio=$(sed -n 's/.*vela\/engine \([0-9.]*x\);.*/\1/p' <<<"$out")
        diff=$(sed -n 's/.*max |diff| \([^ ]*\).*$/\1/p' <<<"$out")
        peer=$(sed -n 's/^peer    \(.*\)$/\1/p' <<<"$out")
        printf '%-45s %-10s %3s %10s %10s %7s  %-12s %s\n' "$(basename "$(dirname "$model")")/$(basename "$model")" \
            "$plugin" "$t" "$vela" "$engine" "$ratio" "$diff" "${peer:-onnxruntime defaults}"
    done
done
