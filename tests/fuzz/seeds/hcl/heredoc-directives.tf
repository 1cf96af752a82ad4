a = <<-EOT
  ${x}
    %{ for k, v in m ~}
  ${k}=${v}
  %{~ endfor }
  EOT
b = "%{if c}y%{else}n%{endif} $${z} \u00e9"
