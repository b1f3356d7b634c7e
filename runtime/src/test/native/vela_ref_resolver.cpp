// JNI shim: constructs TFLite's reference op resolver (tflite::ops::builtin::BuiltinRefOpResolver), which the
// bytedeco tensorflow-lite preset compiles into its native library and exports but does not map to Java.
// Compiled by the runtime tests (ReferenceKernelResolver) against that library; the preset ships no C++ headers,
// so the class is declared here by its exported constructor and destructor only.
#include <jni.h>
#include <cstdlib>
#include <new>

namespace tflite {
namespace ops {
namespace builtin {
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
