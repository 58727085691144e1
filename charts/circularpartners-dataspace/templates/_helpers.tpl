{{- define "cpds.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "cpds.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "cpds.labels" -}}
app.kubernetes.io/name: {{ include "cpds.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "cpds.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cpds.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
