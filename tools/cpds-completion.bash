# bash completion for cpds: `source tools/cpds-completion.bash` (or copy it to
# /etc/bash_completion.d/). cpds answers System.CommandLine's [suggest] directive itself.
_cpds_complete() {
  local IFS=$'\n'
  local suggestions
  suggestions=$(cpds "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) || return 0
  mapfile -t COMPREPLY < <(compgen -W "${suggestions}" -- "${COMP_WORDS[COMP_CWORD]}")
}
complete -o default -F _cpds_complete cpds
