# GX_SANITIZE=ON: AddressSanitizer + UBSan on everything, with no recovery so
# that any report fails the test that caused it.
if(GX_SANITIZE)
  set(gx_san -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_compile_options(${gx_san})
  add_link_options(${gx_san})
endif()
