# GX_SANITIZE=ON: AddressSanitizer + UBSan on everything, with no recovery so
# that any report fails the test that caused it. GX_FUZZ=ON (clang only)
# implies them and adds libFuzzer's coverage instrumentation to every object;
# the fuzz targets link libFuzzer itself (tests/fuzz/CMakeLists.txt).
set(gx_san -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
if(GX_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "GX_FUZZ needs clang (libFuzzer): configure with CC=clang")
  endif()
  add_compile_options(${gx_san} -fsanitize=fuzzer-no-link)
  add_link_options(${gx_san})
elseif(GX_SANITIZE)
  add_compile_options(${gx_san})
  add_link_options(${gx_san})
endif()
