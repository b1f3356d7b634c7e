// JNI shim: constructs TFLite's reference op resolver (tflite::ops::builtin::BuiltinRefOpResolver), which the
// bytedeco tensorflow-lite preset compiles into its native library and exports but does not map to Java.
// Compiled by the runtime tests (ReferenceKernelResolver) against that library; the preset ships no C++ headers,
// so the class is declared here by its exported constructor and destructor only.
#include <jni.h>
#include <cstdlib>
#include <new>

// TfLiteRegistration and tflite::BuiltinOperator are only named (by pointer and by value), never looked into.
struct TfLiteRegistration;

namespace tflite {
enum BuiltinOperator : int {};
// The base class of BuiltinRefOpResolver (its first and only base, so the same address); AddBuiltin is exported.
class MutableOpResolver {
 public:
  void AddBuiltin(BuiltinOperator op, const TfLiteRegistration* registration, int min_version, int max_version);
};
namespace ops {
namespace builtin {
// TFLite's reference FULLY_CONNECTED kernel (kernel type kReference), exported
TfLiteRegistration* Register_FULLY_CONNECTED_REF();
// Only the exported members are declared. The real object (a MutableOpResolver: a vtable, two hash maps of
// registrations, a vector and flags) is far smaller than the storage reserved for it below.
class BuiltinRefOpResolver {
 public:
  BuiltinRefOpResolver();
  ~BuiltinRefOpResolver();
};
}  // namespace builtin
}  // namespace ops
}  // namespace tflite

namespace {
// Generous: the object's true size is not in any header we have. Checked at run time by the Java side, which
// looks up a builtin operator through the constructed resolver before using it.
constexpr size_t kStorageBytes = 64 * 1024;
}  // namespace

extern "C" JNIEXPORT jlong JNICALL
Java_dev_vela_runtime_tflite_ReferenceKernelResolver_create(JNIEnv*, jclass) {
  void* storage = nullptr;
  if (posix_memalign(&storage, 64, kStorageBytes) != 0) {
    return 0;
  }
  auto* resolver = new (storage) tflite::ops::builtin::BuiltinRefOpResolver();
  // BuiltinRefOpResolver registers the reference FULLY_CONNECTED for fewer op versions than the kernel implements:
  // version 13 (INT4 filters, which the kernel unpacks to int8 at prepare time) is missing. Register the same
  // reference kernel for versions 1 to 13 so that INT4 models run on reference kernels too.
  constexpr int kFullyConnected = 9;  // BuiltinOperator_FULLY_CONNECTED
  reinterpret_cast<tflite::MutableOpResolver*>(resolver)->AddBuiltin(
      static_cast<tflite::BuiltinOperator>(kFullyConnected),
      tflite::ops::builtin::Register_FULLY_CONNECTED_REF(), 1, 13);
  return reinterpret_cast<jlong>(resolver);
}

extern "C" JNIEXPORT void JNICALL
Java_dev_vela_runtime_tflite_ReferenceKernelResolver_destroy(JNIEnv*, jclass, jlong address) {
  if (address == 0) {
    return;
  }
  auto* resolver = reinterpret_cast<tflite::ops::builtin::BuiltinRefOpResolver*>(address);
  resolver->~BuiltinRefOpResolver();
  free(resolver);
}
