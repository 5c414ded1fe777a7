# clang 14 rejects one header of Debian's ANTLR 4.9 runtime (misc/InterpreterDataReader.h),
# which the umbrella header antlr4-runtime.h includes although the parser never uses it.
# For clang builds (the fuzzer), generate a copy of the umbrella header without that include
# into the build tree and put it first on cairn_syntax's include path. g++ builds are untouched.
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  find_path(CAIRN_ANTLR_UMBRELLA_DIR antlr4-runtime.h PATH_SUFFIXES antlr4-runtime REQUIRED)
  set(_antlr_umbrella ${CAIRN_ANTLR_UMBRELLA_DIR}/antlr4-runtime.h)
  set(_patched_dir ${CMAKE_BINARY_DIR}/antlr-clang-include)
  file(READ ${_antlr_umbrella} _text)
  string(REPLACE "#include \"misc/InterpreterDataReader.h\"" "" _text "${_text}")
  file(WRITE ${_patched_dir}/antlr4-runtime.h "${_text}")
  foreach(_t cairn_syntax cairn_syntax_antlr)
    target_include_directories(${_t} BEFORE PRIVATE ${_patched_dir})
  endforeach()
endif()
