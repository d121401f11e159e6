; Inno Setup script for the Windows installer of counter_app (per-machine, Start menu entry).
; Build on Windows after installer/build.sh's PyInstaller step has made installer\dist\counter-app\:
;   iscc /DAppVersion=0.1.0 installer\counter-app.iss      -> installer\dist\counter-app-setup-0.1.0.exe
; The fleet's configuration goes to %ProgramData%\counter-app\config.toml (see docs/fleet.md).
; The uninstaller removes the program only: the data folder (the database, backups and logs) is kept, and it
; refuses while operations wait to be sent in any user's data folder, unless run as  unins000.exe /FORCE
; (or /SILENT /FORCE). See installer/README.md.

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
// Refuse to uninstall while an outbox holds operations, unless /FORCE (or /FORCE=yes) is given.
// The data folder is per user (%LOCALAPPDATA%\counter_app, or %COUNTER_APP_DATA%) and the uninstaller runs
// as an administrator, who may not be the clerk: every user profile's data folder is asked, each with
//   counter-app.exe --data-dir DIR pending --quiet   (exit 0: nothing waiting, 10: operations wait,
// anything else: it could not tell, e.g. a damaged database; that refuses too, to be safe).

function ForceRequested(): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if (CompareText(ParamStr(I), '/FORCE') = 0) or (CompareText(ParamStr(I), '/FORCE=yes') = 0) then
      Result := True;
end;

// 0: no database or nothing waiting; 10: operations wait; -1 or another code: could not tell.
function PendingIn(DataDir: String): Integer;
var
  Code: Integer;
begin
  Result := 0;
  if not FileExists(AddBackslash(DataDir) + 'counter.sqlite3') then
    Exit;
  if Exec(ExpandConstant('{app}\counter-app.exe'), '--data-dir "' + DataDir + '" pending --quiet', '',
          SW_HIDE, ewWaitUntilTerminated, Code) then
    Result := Code
  else
    Result := -1;
end;

procedure CheckDataDir(DataDir: String; var Blocked: String);
var
  Code: Integer;
begin
  Code := PendingIn(DataDir);
  if Code = 10 then
    Blocked := Blocked + #13#10 + DataDir + '  (待上传 / waiting to be sent)'
  else if Code <> 0 then
    Blocked := Blocked + #13#10 + DataDir + '  (无法检查 / could not be checked: ' + IntToStr(Code) + ')';
end;

function InitializeUninstall(): Boolean;
var
  Profiles, Blocked: String;
  Found: TFindRec;
begin
  Result := True;
  if ForceRequested() then
    Exit;
  Blocked := '';
  if GetEnv('COUNTER_APP_DATA') <> '' then
    CheckDataDir(GetEnv('COUNTER_APP_DATA'), Blocked);
  Profiles := ExtractFileDir(GetEnv('USERPROFILE'));  // C:\Users
  if FindFirst(AddBackslash(Profiles) + '*', Found) then
  begin
    try
      repeat
        if ((Found.Attributes and FILE_ATTRIBUTE_DIRECTORY) <> 0) and (Found.Name <> '.') and (Found.Name <> '..') then
          CheckDataDir(AddBackslash(Profiles) + Found.Name + '\AppData\Local\counter_app', Blocked);
      until not FindNext(Found);
    finally
      FindClose(Found);
    end;
  end;
  if Blocked <> '' then
  begin
    SuppressibleMsgBox('本柜台还有业务未上传到平台（或无法检查），不能卸载。请先联网同步（counter-app sync --once），' + #13#10 +
           '或由技术人员用 /FORCE 强制卸载（数据文件夹都会保留）：' + Blocked + #13#10 + #13#10 +
           'Operations are still waiting to be sent to the platform (or could not be checked); the app is not ' +
           'removed. Sync first, or uninstall with /FORCE (the data folders are kept).', mbError, MB_OK, IDOK);
    Result := False;
  end;
end;
