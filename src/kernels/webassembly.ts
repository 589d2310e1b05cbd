/**
 * The few WebAssembly JS-API declarations the kernels use. The project compiles with lib ES2022
 * and @types/node 20, neither of which declares the `WebAssembly` global (lib.dom does); the
 * shapes below are lib.dom's, trimmed. If the project ever adds lib "DOM" or "WebWorker",
 * delete this file (its `var`s would then clash with the library's).
 */
declare global {
  namespace WebAssembly {
    interface Module {}
    var Module: {
      prototype: Module;
      new (bytes: ArrayBufferView | ArrayBuffer): Module;
    };
    interface Memory {
      readonly buffer: ArrayBuffer;
      grow(delta: number): number;
    }
    interface Instance {
      readonly exports: Record<string, unknown>;
    }
    var Instance: {
      prototype: Instance;
      new (module: Module, importObject?: Record<string, Record<string, unknown>>): Instance;
    };
    function validate(bytes: ArrayBufferView | ArrayBuffer): boolean;
    function compile(bytes: ArrayBufferView | ArrayBuffer): Promise<Module>;
  }
}

export {};
