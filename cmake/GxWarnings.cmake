# gx_warnings(target): the warning set every target of ours builds with.
function(gx_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
    -Wformat=2 -Wno-format-nonliteral)
  if(CMAKE_C_COMPILER_ID STREQUAL "GNU")
    # snprintf is how we truncate on purpose; gcc warns about every such use
    # (clang has no such warning, and would warn about the unknown option)
    target_compile_options(${target} PRIVATE -Wno-format-truncation)
  endif()
  if(GX_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
