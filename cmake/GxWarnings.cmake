# gx_warnings(target): the warning set every target of ours builds with.
function(gx_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
    -Wformat=2 -Wno-format-nonliteral
    # snprintf is how we truncate on purpose; gcc warns about every such use
    -Wno-format-truncation)
  if(GX_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
