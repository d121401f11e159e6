; Inno Setup script for the Windows installer of counter_app (per-machine, Start menu entry).
; Build on Windows after installer/build.sh's PyInstaller step has made installer\dist\counter-app\:
;   iscc /DAppVersion=0.1.0 installer\counter-app.iss      -> installer\dist\counter-app-setup-0.1.0.exe
; The fleet's configuration goes to %ProgramData%\counter-app\config.toml (see docs/fleet.md).
; The uninstaller removes the program only: the data folder (the database, backups and logs) is kept, and it
; refuses while operations wait to be sent, unless run as  unins000.exe /FORCE=yes  (or /SILENT /FORCE=yes).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6E0C5E1B-3B9A-4C55-9D51-0C0B7A1C1717}
AppName=邮政营业柜台 Counter App
AppVersion={#AppVersion}
AppPublisher=City Post
DefaultDirName={autopf}\CounterApp
DefaultGroupName=邮政营业柜台
PrivilegesRequired=admin
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=dist
OutputBaseFilename=counter-app-setup-{#AppVersion}
SetupIconFile=counter-app.ico
UninstallDisplayIcon={app}\counter-app.exe
Compression=lzma2
SolidCompression=yes
DisableProgramGroupPage=yes

[Languages]
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Dirs]
; the machine-wide configuration folder; never removed by the uninstaller
Name: "{commonappdata}\counter-app"; Flags: uninsneveruninstall

[Files]
Source: "dist\counter-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\邮政营业柜台 Counter App"; Filename: "{app}\counter-app.exe"; Parameters: "run"; IconFilename: "{app}\counter-app.exe"
Name: "{group}\柜台自检 Counter doctor"; Filename: "{cmd}"; Parameters: "/k ""{app}\counter-app.exe"" doctor"
Name: "{group}\{cm:UninstallProgram,Counter App}"; Filename: "{uninstallexe}"

[Run]
Filename: "{app}\counter-app.exe"; Parameters: "doctor"; Flags: runhidden nowait skipifsilent

[Code]
// Refuse to uninstall while the outbox holds operations (counter-app pending exits 10), unless /FORCE=yes.
function InitializeUninstall(): Boolean;
var
  Code: Integer;
begin
  Result := True;
  if CompareText(ExpandConstant('{param:FORCE|no}'), 'yes') = 0 then
    Exit;
  if Exec(ExpandConstant('{app}\counter-app.exe'), 'pending', '', SW_HIDE, ewWaitUntilTerminated, Code) then
  begin
    if Code = 10 then
    begin
      MsgBox('本柜台还有业务未上传到平台，不能卸载。请先联网同步（counter-app sync --once），' + #13#10 +
             '或由技术人员用 /FORCE=yes 强制卸载（数据文件夹会保留）。' + #13#10 + #13#10 +
             'Operations are still waiting to be sent to the platform; the app is not removed. Sync first, ' +
             'or uninstall with /FORCE=yes (the data folder is kept).', mbError, MB_OK);
      Result := False;
    end;
  end;
end;
